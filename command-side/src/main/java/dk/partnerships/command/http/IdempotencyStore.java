package dk.partnerships.command.http;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Optional;

/**
 * Remembers the answer to each write sent with an {@code Idempotency-Key}. Used inside the same database
 * transaction that appends the write's events, so an answer is stored exactly when its events are.
 */
class IdempotencyStore {

    private final JdbcClient jdbc;

    IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored answer, with the hash of the request that produced it. */
    record Stored(String requestHash, WriteAnswer answer) {
    }

    /**
     * Claims the key for this transaction, or returns what an earlier request under the key answered. When a
     * concurrent request holds the key, PostgreSQL makes this wait until that request commits or rolls back.
     */
    Optional<Stored> claim(String scope, String key, String requestHash) {
        int inserted = jdbc.sql("""
                        INSERT INTO idempotent_request (scope, idempotency_key, request_hash)
                        VALUES (:scope, :key, :hash)
                        ON CONFLICT (scope, idempotency_key) DO NOTHING""")
                .param("scope", scope).param("key", key).param("hash", requestHash)
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("""
                        SELECT request_hash, status, location, response_body, version
                        FROM idempotent_request WHERE scope = :scope AND idempotency_key = :key""")
                .param("scope", scope).param("key", key)
                .query((rs, row) -> new Stored(rs.getString("request_hash"), new WriteAnswer(
                        rs.getInt("status"), rs.getString("location"), rs.getString("response_body"), rs.getLong("version"))))
                .single());
    }

    void complete(String scope, String key, WriteAnswer answer) {
        jdbc.sql("""
                        UPDATE idempotent_request SET status = :status, location = :location,
                               response_body = :body, version = :version
                        WHERE scope = :scope AND idempotency_key = :key""")
                .param("status", answer.status()).param("location", answer.location())
                .param("body", answer.bodyJson()).param("version", answer.version())
                .param("scope", scope).param("key", key)
                .update();
    }
}
