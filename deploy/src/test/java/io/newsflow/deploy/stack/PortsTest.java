package io.newsflow.deploy.stack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void aTakenPortIsRefusedWithThePortAndTheSettingToChange() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, Ports.LOOPBACK)) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Ports.requireFree(port, "Kafka", "--kafka-port"))
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("Kafka")
                    .hasMessageContaining("port " + port + " on 127.0.0.1 is already in use")
                    .hasMessageContaining("--kafka-port");
        }
    }

    @Test
    void freePortsAreDistinctAndBindable() {
        int[] ports = Ports.free(4);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(4);
        for (int port : ports) {
            assertThatCode(() -> Ports.requireFree(port, "test", "none")).doesNotThrowAnyException();
        }
    }

    @Test
    void acceptsTellsAListeningPortFromAClosedOne() throws IOException {
        int closed;
        try (ServerSocket listening = new ServerSocket(0, 1, Ports.LOOPBACK)) {
            closed = listening.getLocalPort();
            assertThat(Ports.accepts(listening.getLocalPort())).isTrue();
        }
        assertThat(Ports.accepts(closed)).isFalse();
    }
}
