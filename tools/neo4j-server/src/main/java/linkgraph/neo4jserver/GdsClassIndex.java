package linkgraph.neo4jserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.neo4j.gds.ProcedureAndFunctionScanner;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.UserAggregationFunction;
import org.neo4j.procedure.UserFunction;

/**
 * The GDS classes to register, found the way GDS's own tests find them: every class in {@code org.neo4j.gds} or
 * {@code com.neo4j.gds} with a {@code @Procedure}, {@code @UserFunction} or {@code @UserAggregationFunction} method.
 *
 * <p>The scan takes seconds on every start, so the build runs {@link #main} once (exec-maven-plugin) and stores the
 * result as the resource {@value #RESOURCE}; at run time that list is used, and the scan only when it is missing.
 */
public final class GdsClassIndex {

    static final String RESOURCE = "linkgraph-gds-classes.txt";

    /** Class names per kind, in the resource as lines {@code KIND<TAB>class}. */
    record Classes(Class<?>[] procedures, Class<?>[] functions, Class<?>[] aggregations, boolean fromIndex) {}

    private static final Map<String, Class<? extends Annotation>> KINDS = Map.of(
            "procedure", Procedure.class,
            "function", UserFunction.class,
            "aggregation", UserAggregationFunction.class);

    private GdsClassIndex() {}

    static Classes load() throws IOException, ClassNotFoundException {
        ClassLoader loader = GdsClassIndex.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new Classes(scan(Procedure.class), scan(UserFunction.class),
                        scan(UserAggregationFunction.class), false);
            }
            List<Class<?>> procedures = new ArrayList<>();
            List<Class<?>> functions = new ArrayList<>();
            List<Class<?>> aggregations = new ArrayList<>();
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                Class<?> c = Class.forName(parts[1].trim(), false, loader);
                switch (parts[0]) {
                    case "procedure" -> procedures.add(c);
                    case "function" -> functions.add(c);
                    case "aggregation" -> aggregations.add(c);
                    default -> throw new IOException("bad line in " + RESOURCE + ": " + line);
                }
            }
            return new Classes(procedures.toArray(Class[]::new), functions.toArray(Class[]::new),
                    aggregations.toArray(Class[]::new), true);
        }
    }

    static Class<?>[] scan(Class<? extends Annotation> annotation) {
        return ProcedureAndFunctionScanner.streamMethodsContainingAnnotation(annotation)
                .map(Method::getDeclaringClass)
                .distinct()
                .sorted(Comparator.comparing(Class::getName))
                .toArray(Class[]::new);
    }

    /** Build step: writes the index to {@code args[0]} (normally target/classes/linkgraph-gds-classes.txt). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GdsClassIndex OUTPUT_FILE");
        }
        StringBuilder text = new StringBuilder();
        int count = 0;
        for (String kind : List.of("procedure", "function", "aggregation")) {
            for (Class<?> c : scan(KINDS.get(kind))) {
                text.append(kind).append('\t').append(c.getName()).append('\n');
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalStateException("no GDS procedure classes found on the build classpath");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text.toString(), StandardCharsets.UTF_8); // silent: mvn -q stays quiet
    }
}
