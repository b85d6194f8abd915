import java.time.*;
import java.time.format.*;
import java.util.*;
import java.io.*;

// Reads lines "epochSecond nano zone<TAB>pattern", prints "input<TAB>output" or "input<TAB>!error".
public class Fmt {
  public static void main(String[] a) throws Exception {
    Locale.setDefault(Locale.US);
    BufferedReader r = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
    String line;
    while ((line = r.readLine()) != null) {
      String[] parts = line.split("\t", 2);
      String[] t = parts[0].split(" ");
      String out;
      try {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(parts[1], Locale.ENGLISH);
        ZonedDateTime z = Instant.ofEpochSecond(Long.parseLong(t[0]), Long.parseLong(t[1])).atZone(ZoneId.of(t[2]));
        out = f.format(z);
      } catch (Exception e) {
        out = "!" + e.getClass().getSimpleName();
      }
      System.out.println(line + "\t" + out);
    }
  }
}
