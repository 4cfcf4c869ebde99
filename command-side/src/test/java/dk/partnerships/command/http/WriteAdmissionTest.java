package dk.partnerships.command.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writes run a bounded number at a time; the others wait their turn, and a write that waits too long is refused. */
class WriteAdmissionTest {

    @Test
    void writes_beyond_the_bound_wait_for_a_turn_and_are_refused_when_none_comes_in_time() throws Exception {
        WriteAdmission admission = new WriteAdmission(2, Duration.ofMillis(200));
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(3);
        try {
            Future<String> first = writers.submit(() -> admission.admit(() -> held(started, finish, "first")));
            Future<String> second = writers.submit(() -> admission.admit(() -> held(started, finish, "second")));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(admission.running()).isEqualTo(2);

            assertThatThrownBy(() -> admission.admit(() -> "third")).isInstanceOf(WriteAdmission.WritesBusyException.class);

            // A write waiting for its turn gets it when one finishes.
            Future<String> fourth = writers.submit(() -> admission.admit(() -> "fourth"));
            awaitWaiting(admission, 1);
            finish.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
            assertThat(fourth.get(10, TimeUnit.SECONDS)).isEqualTo("fourth");
            assertThat(admission.running()).isZero();
        } finally {
            finish.countDown();
            writers.shutdownNow();
        }
    }

    @Test
    void a_refused_or_failed_write_gives_its_turn_back() {
        WriteAdmission admission = new WriteAdmission(1, Duration.ofSeconds(5));
        assertThatThrownBy(() -> admission.admit(() -> {
            throw new IllegalStateException("refused by the partnership");
        })).hasMessage("refused by the partnership");
        assertThat(admission.running()).isZero();
        assertThat(admission.admit(() -> "next")).isEqualTo("next");
    }

    private static String held(CountDownLatch started, CountDownLatch finish, String answer) {
        started.countDown();
        try {
            finish.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answer;
    }

    private static void awaitWaiting(WriteAdmission admission, int writes) throws InterruptedException {
        for (int i = 0; i < 1000 && admission.waiting() < writes; i++) {
            Thread.sleep(10);
        }
        assertThat(admission.waiting()).isEqualTo(writes);
    }
}
