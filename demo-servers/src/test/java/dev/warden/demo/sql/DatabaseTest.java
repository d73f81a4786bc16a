package dev.warden.demo.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    private static final String ENDLESS =
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n";

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(dir.resolve("demo.db"), Duration.ofMillis(300));
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void anEndlessQueryIsStoppedAtTheDeadlineWithAMessageSayingWhy() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> db.execute(ENDLESS))
                .isInstanceOf(SQLException.class)
                .hasMessage("the statement ran longer than 300 ms and was stopped; add a LIMIT, or a bound to a "
                        + "recursive query");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theConnectionServesTheNextQueryAfterAStoppedOne() throws Exception {
        assertThatThrownBy(() -> db.execute(ENDLESS)).isInstanceOf(SQLException.class);
        Map<String, Object> result = db.execute("SELECT count(*) AS n FROM users");
        assertThat(result.get("rows")).isEqualTo(List.of(Map.of("n", 8)));
    }

    @Test
    void aQueryThatEndsInTimeIsNotTouchedByItsDeadlineFiringLater() throws Exception {
        db.execute("SELECT 1");
        Thread.sleep(400); // the first statement's deadline has passed; it must not reach the next statement
        Map<String, Object> result = db.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
                + "WHERE x < 1000) SELECT count(*) AS c FROM n");
        assertThat(result.get("rows")).isEqualTo(List.of(Map.of("c", 1000)));
    }

    @Test
    void otherSqlErrorsKeepSqlitesOwnMessage() {
        assertThatThrownBy(() -> db.execute("SELECT * FROM no_such_table"))
                .hasMessageContaining("no such table: no_such_table");
    }

    @Test
    void theDriversBackupAndRestoreCommandsAreRefusedAndTouchNoFile() throws Exception {
        Path copy = dir.resolve("copy.db");
        assertThatThrownBy(() -> db.execute("backup to " + copy))
                .isInstanceOf(SQLException.class)
                .hasMessage("'backup' is a command of the SQLite driver, not SQL; this server does not run it");
        assertThat(copy).doesNotExist();
        assertThatThrownBy(() -> db.execute("restore from " + copy))
                .hasMessage("'restore' is a command of the SQLite driver, not SQL; this server does not run it");
        assertThat(db.execute("SELECT count(*) AS n FROM users").get("rows")).isEqualTo(List.of(Map.of("n", 8)));
    }

    @Test
    void transactionControlIsRefusedSoThatOneCallerCannotUndoAnothersWrites() throws Exception {
        for (String sql : List.of("BEGIN", "begin immediate", "/* x */ BEGIN", "-- c\nSAVEPOINT s", "ROLLBACK",
                "commit", "END TRANSACTION", "RELEASE s")) {
            assertThatThrownBy(() -> db.execute(sql)).as(sql)
                    .isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("transaction control (")
                    .hasMessageEndingWith(") is not available: each call runs as its own transaction, on a "
                            + "connection every caller shares");
        }
        db.execute("UPDATE products SET stock = 999 WHERE id = 2");
        assertThat(db.execute("SELECT stock FROM products WHERE id = 2").get("rows"))
                .isEqualTo(List.of(Map.of("stock", 999)));
    }

    @Test
    void wordsThatOnlyStartLikeTransactionControlStillRun() throws Exception {
        assertThat(Database.refusal("SELECT 1 AS begin_at")).isNull();
        assertThat(Database.refusal("/* BEGIN */ SELECT 1")).isNull();
        assertThat(Database.firstWord("  -- note\n /* a */ select 1")).isEqualTo("select");
    }
}
