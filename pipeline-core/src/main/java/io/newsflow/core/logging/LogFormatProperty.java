package io.newsflow.core.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import io.newsflow.core.config.InvalidSettingException;

/**
 * Gives {@code logback.xml} the format {@link LogFormat#SETTING} asks for, {@code json} or {@code text}, which names
 * the file it includes: the choice needs no conditional configuration (which would need Janino). A bad value is reported as a configuration error and JSON
 * is used; {@code ServiceRunner} rejects the same value at start, naming the setting.
 */
public final class LogFormatProperty extends PropertyDefinerBase {

    private String format = "auto";

    /** The value of {@link LogFormat#SETTING}, substituted by logback. */
    public void setFormat(String format) {
        this.format = format;
    }

    @Override
    public String getPropertyValue() {
        try {
            return LogFormat.of(format, LogFormat.stdoutIsTerminal()).fileSuffix();
        } catch (InvalidSettingException e) {
            addError(e.getMessage() + "; logging as JSON");
            return LogFormat.JSON.fileSuffix();
        }
    }
}
