import java.util.ArrayDeque;
import java.util.Deque;

public class Brackets {
  public static boolean isBalanced(String s) {
    return firstError(s) == -1;
  }

  public static int firstError(String s) {
    Deque<Character> open = new ArrayDeque<>();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        open.push(c);
      } else if (c == ')' || c == ']' || c == '}') {
        char want = c == ')' ? '(' : c == ']' ? '[' : '{';
        if (open.isEmpty() || open.pop() != want) {
          return i;
        }
      }
    }
    return open.isEmpty() ? -1 : s.length();
  }
}
