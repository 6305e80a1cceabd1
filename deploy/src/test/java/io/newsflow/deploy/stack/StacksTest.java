package io.newsflow.deploy.stack;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StacksTest {

    @Test
    void automaticChoiceFollowsTheDockerEngine() {
        Settings unset = new Settings(Map.of());

        assertThat(Stacks.backend(unset, () -> false)).isEqualTo(Stacks.Backend.PROCESSES);
        assertThat(Stacks.backend(unset, () -> true)).isEqualTo(Stacks.Backend.CONTAINERS);
        assertThat(Stacks.backend(new Settings(Map.of(Stacks.BACKEND_VARIABLE, "auto")), () -> true))
                .isEqualTo(Stacks.Backend.CONTAINERS);
    }

    @Test
    void anExplicitChoiceDoesNotAskDocker() {
        assertThat(Stacks.backend(new Settings(Map.of(Stacks.BACKEND_VARIABLE, "processes")), StacksTest::noDockerCheck))
                .isEqualTo(Stacks.Backend.PROCESSES);
        assertThat(Stacks.backend(new Settings(Map.of(Stacks.BACKEND_VARIABLE, "Containers")), StacksTest::noDockerCheck))
                .isEqualTo(Stacks.Backend.CONTAINERS);
    }

    @Test
    void anUnknownChoiceNamesTheVariableAndTheValidValues() {
        assertThatThrownBy(() -> Stacks.backend(new Settings(Map.of(Stacks.BACKEND_VARIABLE, "docker")), () -> false))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("NEWSFLOW_STACK=docker")
                .hasMessageContaining("processes, containers or auto");
    }

    private static boolean noDockerCheck() {
        throw new AssertionError("the Docker engine must not be asked when the backend is chosen explicitly");
    }
}
