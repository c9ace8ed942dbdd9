// Reads "A B" pairs, one per line, from stdin and prints "<", "=" or ">" for
// new ComparableVersion(A).compareTo(new ComparableVersion(B)): Maven's own ordering, one JVM
// for the whole corpus.
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.maven.artifact.versioning.ComparableVersion;

public final class MavenOracle {
    public static void main(String[] args) throws Exception {
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        BufferedWriter out =
                new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            line = line.trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("[ \t]+");
            if (parts.length != 2) {
                out.write("!\n");
                continue;
            }
            int rc = new ComparableVersion(parts[0]).compareTo(new ComparableVersion(parts[1]));
            out.write(rc < 0 ? "<\n" : (rc > 0 ? ">\n" : "=\n"));
        }
        out.flush();
    }
}
