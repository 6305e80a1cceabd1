package io.newsflow.core.logging;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogFormatTest {

    @Test
    void autoIsTextOnATerminalAndJsonOtherwise() {
        assertThat(LogFormat.of("auto", true)).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.of("auto", false)).isEqualTo(LogFormat.JSON);
    }

    @Test
    void anExplicitFormatIgnoresTheTerminal() {
        assertThat(LogFormat.of("json", true)).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.of(" TEXT ", false)).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void theDefaultIsAuto() {
        // Tests run with stdout redirected by surefire: no terminal.
        assertThat(LogFormat.from(new Settings(Map.of()))).isEqualTo(LogFormat.JSON);
    }

    @Test
    void aBadValueNamesTheSetting() {
        assertThatThrownBy(() -> LogFormat.from(new Settings(Map.of(LogFormat.SETTING, "xml"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("NEWSFLOW_LOG_FORMAT=xml is not valid: expected json, text or auto");
    }
}
