public class NumberTheory {
  public static long gcd(long a, long b) {
    a = Math.abs(a);
    b = Math.abs(b);
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  public static long lcm(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return Math.abs(a / gcd(a, b) * b);
  }
}
