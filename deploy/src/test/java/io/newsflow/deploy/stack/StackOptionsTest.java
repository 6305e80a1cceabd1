package io.newsflow.deploy.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackOptionsTest {

    @Test
    void theLocalRunUsesTheStandardPorts() {
        StackOptions standard = StackOptions.standard();

        assertThat(standard.kafkaPort()).isEqualTo(9092);
        assertThat(standard.elasticsearchPort()).isEqualTo(9200);
        assertThat(standard.heap()).isEqualTo("512m");
        assertThat(standard.dataDir()).isEqualTo(StackOptions.defaultBaseDir().resolve("stack"));
    }

    @Test
    void testStacksGetFourDistinctFreePorts() {
        StackOptions options = StackOptions.freePorts(Path.of("target", "x"));

        assertThat(new int[] {options.kafkaPort(), options.kafkaControllerPort(), options.elasticsearchPort(),
                options.elasticsearchTransportPort()}).doesNotHaveDuplicates().doesNotContain(9092, 9200);
        assertThat(options.dataDir()).isAbsolute();
    }

    @Test
    void rootKeepsItsFilesOutOfRootsHome() {
        assertThat(StackOptions.defaultBaseDir("/root", true)).isEqualTo(Path.of("/var/tmp/newsflow"));
        assertThat(StackOptions.defaultBaseDir("/root/ci", false)).isEqualTo(Path.of("/var/tmp/newsflow"));
        assertThat(StackOptions.defaultBaseDir("/home/ana", false)).isEqualTo(Path.of("/home/ana/.newsflow"));
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        StackOptions standard = StackOptions.standard();

        assertThatThrownBy(() -> standard.withHeap("512")).hasMessageContaining("heap=512");
        assertThatThrownBy(() -> standard.withPorts(0, 9093, 9200, 9300)).hasMessageContaining("kafkaPort=0");
    }
}
