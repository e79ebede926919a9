def place(inventory, lines):
    needed = {}
    for sku, qty in lines:
        needed[sku] = needed.get(sku, 0) + qty
    for sku, qty in needed.items():
        if qty > inventory.stock(sku):
            raise ValueError("cannot serve " + sku)
    for sku, qty in needed.items():
        inventory.take(sku, qty)
    return sum(needed.values())
