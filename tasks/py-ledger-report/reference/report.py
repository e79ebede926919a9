def summary(ledger):
    names = ledger.accounts()
    total = sum(ledger.balance(n) for n in names)
    largest = None
    for n in names:
        if largest is None or ledger.balance(n) > ledger.balance(largest):
            largest = n
    return {"total": total, "largest": largest, "overdrawn": []}
