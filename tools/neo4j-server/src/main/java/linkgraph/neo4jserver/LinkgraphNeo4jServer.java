package linkgraph.neo4jserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * A real in-process Neo4j 5.26 (community, via neo4j-harness) with every open-source GDS procedure registered.
 *
 * <p>Environment: {@code NEO4J_PASSWORD} (required, at least 8 characters; the password of user {@code neo4j}),
 * {@code NEO4J_BOLT_PORT} (default 7687, 0 = a free port), {@code NEO4J_DATA_DIR} (optional; kept at exit, otherwise
 * a temporary directory is used and deleted), {@code NEO4J_IMPORT_DIR} (optional; the directory {@code LOAD CSV}
 * reads {@code file:///} URLs from, {@code server.directories.import}; unset: file URLs are refused) and
 * {@code NEO4J_PAGECACHE_MIB} (optional; page cache size, default 128). Bolt listens on 127.0.0.1 only, without TLS; HTTP is off.
 *
 * <p>Standard output carries exactly one line, {@code NEO4J_BOLT_URI=bolt://127.0.0.1:PORT}, once the server
 * accepts connections; everything else goes to standard error. With {@code --exit-on-stdin-eof} the server also
 * stops when its standard input closes (so a parent that dies cannot leave it running).
 */
public final class LinkgraphNeo4jServer {

    static final String READY_PREFIX = "NEO4J_BOLT_URI=";
    static final String USER = AuthManager.INITIAL_USER_NAME;
    static final int MIN_PASSWORD_LENGTH = 8;
    static final int DEFAULT_BOLT_PORT = 7687;
    static final String HOST = "127.0.0.1";
    static final long PAGE_CACHE_MIB = 128;

    private static final int EXIT_BAD_CONFIG = 2;
    private static final int EXIT_STARTUP_FAILED = 1;

    private final Path workDir;
    private final Path dataDir;
    private final boolean deleteDataDir;
    private final AtomicBoolean stopped = new AtomicBoolean(false);
    private volatile Neo4j neo4j;

    private LinkgraphNeo4jServer(Path workDir, Path dataDir, boolean deleteDataDir) {
        this.workDir = workDir;
        this.dataDir = dataDir;
        this.deleteDataDir = deleteDataDir;
    }

    /** Configuration taken from the environment; the password is never printed. */
    record Settings(String password, int boltPort, Path dataDir, Path importDir, long pageCacheMib) {
        @Override
        public String toString() {
            return "Settings[password=<hidden>, boltPort=" + boltPort + ", dataDir=" + dataDir + ", importDir="
                    + importDir + ", pageCacheMib=" + pageCacheMib + "]";
        }

        static Settings fromEnv(Map<String, String> env) {
            String password = env.get("NEO4J_PASSWORD");
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException(
                        "NEO4J_PASSWORD is not set: it is the password of user 'neo4j' (at least "
                                + MIN_PASSWORD_LENGTH + " characters).");
            }
            if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
                throw new IllegalArgumentException(
                        "NEO4J_PASSWORD is too short: it needs at least " + MIN_PASSWORD_LENGTH + " characters.");
            }
            int port = DEFAULT_BOLT_PORT;
            String portText = env.get("NEO4J_BOLT_PORT");
            if (portText != null && !portText.isBlank()) {
                try {
                    port = Integer.parseInt(portText.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("NEO4J_BOLT_PORT is not a number: '" + portText + "'.");
                }
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("NEO4J_BOLT_PORT is out of range (0-65535): " + port + ".");
                }
            }
            String dataText = env.get("NEO4J_DATA_DIR");
            Path data = dataText == null || dataText.isBlank() ? null : Path.of(dataText).toAbsolutePath();
            String importText = env.get("NEO4J_IMPORT_DIR");
            Path importDir = importText == null || importText.isBlank() ? null : Path.of(importText).toAbsolutePath();
            if (importDir != null && !Files.isDirectory(importDir)) {
                throw new IllegalArgumentException("NEO4J_IMPORT_DIR is not a directory: '" + importText + "'.");
            }
            long pageCache = PAGE_CACHE_MIB;
            String cacheText = env.get("NEO4J_PAGECACHE_MIB");
            if (cacheText != null && !cacheText.isBlank()) {
                try {
                    pageCache = Long.parseLong(cacheText.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("NEO4J_PAGECACHE_MIB is not a number: '" + cacheText + "'.");
                }
                if (pageCache < 8) {
                    throw new IllegalArgumentException("NEO4J_PAGECACHE_MIB must be at least 8: " + pageCache + ".");
                }
            }
            return new Settings(password, port, data, importDir, pageCache);
        }
    }

    public static void main(String[] args) {
        boolean exitOnStdinEof = List.of(args).contains("--exit-on-stdin-eof");
        for (String arg : args) {
            if (!arg.equals("--exit-on-stdin-eof")) {
                log("unknown argument '" + arg + "' (the only option is --exit-on-stdin-eof; settings come from "
                        + "NEO4J_PASSWORD, NEO4J_BOLT_PORT, NEO4J_DATA_DIR, NEO4J_IMPORT_DIR, NEO4J_PAGECACHE_MIB)");
                System.exit(EXIT_BAD_CONFIG);
            }
        }
        Settings settings;
        try {
            settings = Settings.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            log("refusing to start: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIG);
            return;
        }

        LinkgraphNeo4jServer server;
        try {
            Path workDir = Files.createTempDirectory("linkgraph-neo4j-");
            boolean temporary = settings.dataDir() == null;
            Path dataDir = temporary ? workDir.resolve("data") : settings.dataDir();
            server = new LinkgraphNeo4jServer(workDir, dataDir, temporary);
        } catch (IOException e) {
            log("startup failed: cannot create a temporary directory: " + e);
            System.exit(EXIT_STARTUP_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "linkgraph-neo4j-shutdown"));

        URI bolt;
        try {
            bolt = server.start(settings);
        } catch (Exception e) { // the top level: any startup failure is reported and ends the process
            log("startup failed: " + describe(e));
            server.stop();
            System.exit(EXIT_STARTUP_FAILED);
            return;
        }

        PrintStream out = System.out;
        out.println(READY_PREFIX + "bolt://" + HOST + ":" + bolt.getPort());
        out.flush();

        if (exitOnStdinEof) {
            waitForStdinEof(System.in);
            log("standard input closed: shutting down");
            System.exit(0);
        }
        try {
            Thread.currentThread().join(); // idle until SIGTERM/SIGINT runs the shutdown hook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI start(Settings settings) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(dataDir);
        writeInitialPassword(settings.password());

        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(workDir)
                .withDisabledServer() // HTTP and HTTPS off; Bolt only
                .withConfig(GraphDatabaseSettings.data_directory, dataDir)
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(settings.pageCacheMib()))
                .withConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"))
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .withConfig(BoltConnector.listen_address, new SocketAddress(HOST, settings.boltPort()))
                .withConfig(BoltConnector.advertised_address, new SocketAddress(HOST, settings.boltPort()))
                // Bolt's netty shutdown waits a 5 s quiet period twice by default: stop promptly instead.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5));
        if (settings.importDir() != null) {
            builder = builder.withConfig(GraphDatabaseSettings.load_csv_file_url_root, settings.importDir());
            log("LOAD CSV reads file:/// URLs from " + settings.importDir());
        }
        if (!deleteDataDir) {
            builder = builder.withConfig(GraphDatabaseSettings.logs_directory, dataDir.resolve("logs"));
        }

        // As GDS's own tests do: every class in org.neo4j.gds / com.neo4j.gds with an annotated method
        // (listed at build time; scanned now only if that list is missing).
        GdsClassIndex.Classes gds;
        try {
            gds = GdsClassIndex.load();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("GDS class index names a missing class: " + e.getMessage(), e);
        }
        Class<?>[] procedures = gds.procedures();
        Class<?>[] functions = gds.functions();
        Class<?>[] aggregations = gds.aggregations();
        for (Class<?> c : procedures) {
            builder = builder.withProcedure(c);
        }
        for (Class<?> c : functions) {
            builder = builder.withFunction(c);
        }
        for (Class<?> c : aggregations) {
            builder = builder.withAggregationFunction(c);
        }
        log(String.format("found GDS in %.1f s (%s): %d procedure classes, %d function classes, %d aggregation "
                + "function classes", (System.nanoTime() - t0) / 1e9, gds.fromIndex() ? "build-time index" : "scan",
                procedures.length, functions.length, aggregations.length));

        neo4j = builder.build();
        if (stopped.get()) {
            throw new IllegalStateException("stopped while starting");
        }
        String versions = neo4j.defaultDatabaseService().executeTransactionally(
                "CALL dbms.components() YIELD name, versions, edition "
                        + "RETURN name + ' ' + versions[0] + ' ' + edition + ', GDS ' + gds.version() AS v",
                Map.of(),
                result -> String.valueOf(result.next().get("v")));
        double seconds = (System.nanoTime() - t0) / 1e9;
        log(String.format("ready in %.1f s: %s; user '%s'; data in %s%s", seconds, versions, USER, dataDir,
                deleteDataDir ? " (temporary)" : " (kept)"));
        return neo4j.boltURI();
    }

    /**
     * Sets the password of user neo4j the way {@code neo4j-admin dbms set-initial-password} does: an auth.ini file
     * read once, when the system database is first created. An existing data directory keeps its password.
     */
    private void writeInitialPassword(String password) throws IOException {
        if (Files.isDirectory(dataDir.resolve("databases").resolve("system"))) {
            log("existing data directory: user '" + USER + "' keeps the password it was created with");
            return;
        }
        Config config = Config.newBuilder().set(GraphDatabaseSettings.data_directory, dataDir).build();
        Path authIni = CommunitySecurityModule.getInitialUserRepositoryFile(config);
        if (!authIni.startsWith(dataDir)) {
            throw new IllegalStateException("unexpected auth store location " + authIni);
        }
        Files.createDirectories(authIni.getParent());
        Files.deleteIfExists(authIni);
        try (var fs = new DefaultFileSystemAbstraction()) {
            var users = new FileUserRepository(fs, authIni, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            users.start();
            users.create(new User(
                    USER,
                    null,
                    SystemGraphCredential.createCredentialForPassword(
                            password.getBytes(StandardCharsets.UTF_8), new SecureHasher()),
                    false,
                    false));
            users.shutdown();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) { // FileUserRepository's lifecycle methods declare Exception
            throw new IOException("cannot write the initial password file: " + e.getMessage(), e);
        }
        if (!System.getProperty("os.name", "").startsWith("Windows")) {
            Files.setPosixFilePermissions(authIni, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Idempotent: closes Neo4j and deletes what is temporary. Runs from the shutdown hook too. */
    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        Neo4j running = neo4j;
        if (running != null) {
            log("shutting down");
            long t0 = System.nanoTime();
            try {
                running.close();
                log(String.format("stopped in %.1f s", (System.nanoTime() - t0) / 1e9));
            } catch (RuntimeException e) { // keep going: the temporary files must still go
                log("error while shutting down: " + describe(e));
            }
        }
        deleteTree(workDir);
        if (deleteDataDir) {
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log("could not delete " + p + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            log("could not delete " + root + ": " + e.getMessage());
        }
    }

    private static void waitForStdinEof(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // discard whatever is written; only the end of the stream matters
            }
        } catch (IOException e) {
            log("standard input failed: " + e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("\n  caused by: ").append(cause);
        }
        return text.toString();
    }

    private static void log(String message) {
        System.err.println("linkgraph-neo4j-server: " + message);
        System.err.flush();
    }
}
