package org.osogateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.validation.SchemaCatalog;

/** The readiness checks: the store (down, hanging, cached), the schema catalog, and their sum. */
class ReadinessTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void aStoreThatRefusesConnectionsIsDown() {
        StoreProbe probe = probe(new FakeStore(() -> {
            throw new SQLException("connection refused");
        }), Duration.ofSeconds(1));
        assertThat(probe.status()).isEqualTo(ReadinessCheck.Status.DOWN);
    }

    @Test
    void aStoreThatAnswersIsUpAndAskedAtMostOncePerSecond() {
        FakeStore store = new FakeStore(FakeStore::validConnection);
        StoreProbe probe = probe(store, Duration.ofSeconds(1));
        assertThat(probe.status()).isEqualTo(ReadinessCheck.Status.UP);
        assertThat(probe.status()).isEqualTo(ReadinessCheck.Status.UP);
        assertThat(store.asked.get()).isEqualTo(1);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(probe.status()).isEqualTo(ReadinessCheck.Status.UP);
        assertThat(store.asked.get()).isEqualTo(2);
    }

    @Test
    void aHangingStoreIsDownWithinTheTimeoutAndHoldsOneConnectionWhateverTheLoad() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeStore store = new FakeStore(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeStore.validConnection();
        });
        StoreProbe probe = probe(store, Duration.ofMillis(200));
        ExecutorService polls = Executors.newFixedThreadPool(16);
        try {
            List<Future<ReadinessCheck.Status>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(polls.submit(probe::status));
            }
            long started = System.nanoTime();
            for (Future<ReadinessCheck.Status> a : answers) {
                assertThat(a.get()).isEqualTo(ReadinessCheck.Status.DOWN);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(store.asked.get()).as("one check in flight, not one per poll").isEqualTo(1);
        } finally {
            release.countDown();
            polls.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.status().up());
    }

    @Test
    void theCatalogIsDownWhileCompilingAndWhenFailed(@TempDir Path dir) throws Exception {
        SchemaCatalogCheck compiling = new SchemaCatalogCheck(SchemaCatalog.loadInBackground(List.of(), true, task -> { }));
        assertThat(compiling.status()).isEqualTo(new ReadinessCheck.Status(false, "COMPILING"));

        Files.writeString(dir.resolve("broken.xsd"), "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' "
                + "targetNamespace='urn:test:broken' xmlns='urn:test:broken'><xs:element name='a' type='Missing'/></xs:schema>");
        SchemaCatalog broken = SchemaCatalog.loadInBackground(List.of(dir), false);
        await().atMost(Duration.ofSeconds(60)).until(() -> broken.state() != SchemaCatalog.State.COMPILING);
        assertThat(new SchemaCatalogCheck(broken).status()).isEqualTo(new ReadinessCheck.Status(false, "FAILED"));

        SchemaCatalog demo = SchemaCatalog.loadInBackground(List.of(), true);
        demo.whenCompiled().get();
        assertThat(new SchemaCatalogCheck(demo).status()).isEqualTo(new ReadinessCheck.Status(true, "READY"));
    }

    @Test
    void readyOnlyWhenEveryCheckIsUpAndEachIsNamed() {
        ReadinessCheck up = check("store", ReadinessCheck.Status.UP);
        ReadinessCheck compiling = check("dossierSchemaCatalog", new ReadinessCheck.Status(false, "COMPILING"));
        ReadinessCheck registryDown = check("registry", ReadinessCheck.Status.DOWN);

        assertThat(new Readiness(List.of(up)).check().ready()).isTrue();
        Readiness.Result r = new Readiness(List.of(up, compiling, registryDown)).check();
        assertThat(r.ready()).isFalse();
        assertThat(r.checks()).containsExactly(Map.entry("store", "UP"), Map.entry("dossierSchemaCatalog", "COMPILING"),
                Map.entry("registry", "DOWN"));
    }

    private StoreProbe probe(DataSource store, Duration timeout) {
        return new StoreProbe(store, timeout, Duration.ofSeconds(1), nanos::get, r -> new Thread(r).start());
    }

    private static ReadinessCheck check(String name, ReadinessCheck.Status status) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Status status() {
                return status;
            }
        };
    }

    /** A DataSource that counts the connections asked of it and hands out what {@code connect} gives. */
    private static final class FakeStore implements DataSource {
        interface Connect {
            Connection get() throws SQLException;
        }

        final AtomicInteger asked = new AtomicInteger();
        private final Connect connect;

        FakeStore(Connect connect) {
            this.connect = connect;
        }

        static Connection validConnection() {
            return (Connection) Proxy.newProxyInstance(ReadinessTest.class.getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "isValid" -> true;
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        @Override
        public Connection getConnection() throws SQLException {
            asked.incrementAndGet();
            return connect.get();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
