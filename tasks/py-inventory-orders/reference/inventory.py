class Inventory:
    def __init__(self):
        self._stock = {}

    def add(self, sku, qty):
        if qty <= 0:
            raise ValueError("qty must be positive")
        self._stock[sku] = self._stock.get(sku, 0) + qty

    def stock(self, sku):
        return self._stock.get(sku, 0)

    def take(self, sku, qty):
        if qty > self.stock(sku):
            raise ValueError("not enough " + sku)
        self._stock[sku] = self.stock(sku) - qty
