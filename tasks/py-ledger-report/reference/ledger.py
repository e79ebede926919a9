class Ledger:
    def __init__(self):
        self._balances = {}

    def deposit(self, account, amount):
        if amount <= 0:
            raise ValueError("amount must be positive")
        self._balances[account] = self._balances.get(account, 0) + amount

    def withdraw(self, account, amount):
        if amount <= 0:
            raise ValueError("amount must be positive")
        current = self._balances.get(account, 0)
        if amount > current:
            raise ValueError("insufficient funds")
        self._balances[account] = current - amount

    def balance(self, account):
        return self._balances.get(account, 0)

    def accounts(self):
        return sorted(self._balances)
