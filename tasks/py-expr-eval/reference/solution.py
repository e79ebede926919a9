def _tokens(expr):
    out = []
    i = 0
    while i < len(expr):
        ch = expr[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit():
            j = i
            while j < len(expr) and expr[j].isdigit():
                j += 1
            out.append(int(expr[i:j]))
            i = j
        elif ch in "+-*/()":
            out.append(ch)
            i += 1
        else:
            raise ValueError("unexpected character %r" % ch)
    return out


class _Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self):
        tok = self.peek()
        if tok is None:
            raise ValueError("unexpected end of expression")
        self.pos += 1
        return tok

    def expression(self):
        value = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
        return value

    def term(self):
        value = self.unary()
        while self.peek() in ("*", "/"):
            op = self.take()
            rhs = self.unary()
            if op == "*":
                value = value * rhs
            else:
                if rhs == 0:
                    raise ZeroDivisionError("division by zero")
                q = abs(value) // abs(rhs)
                value = q if (value >= 0) == (rhs >= 0) else -q
        return value

    def unary(self):
        if self.peek() == "-":
            self.take()
            return -self.unary()
        return self.atom()

    def atom(self):
        tok = self.take()
        if tok == "(":
            value = self.expression()
            if self.take() != ")":
                raise ValueError("expected )")
            return value
        if isinstance(tok, int):
            return tok
        raise ValueError("unexpected %r" % (tok,))


def evaluate(expr):
    parser = _Parser(_tokens(expr))
    value = parser.expression()
    if parser.peek() is not None:
        raise ValueError("trailing input")
    return value
