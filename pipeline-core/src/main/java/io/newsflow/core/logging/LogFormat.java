package io.newsflow.core.logging;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * How the services write their log lines to stdout: ECS JSON, one object per line, for shipping into Elasticsearch;
 * or text for a person at a terminal. {@code logback.xml} includes {@code logback-json.xml} or {@code logback-text.xml}.
 */
public enum LogFormat {
    JSON, TEXT;

    /** {@code json}, {@code text} or {@code auto} (the default): text on a terminal, JSON otherwise. */
    public static final String SETTING = "NEWSFLOW_LOG_FORMAT";

    /** The format {@link #SETTING} asks for in {@code settings}, {@code auto} resolved for this process's stdout. */
    public static LogFormat from(Settings settings) {
        return of(settings.string(SETTING, "auto"), stdoutIsTerminal());
    }

    /**
     * @param value    {@code json}, {@code text} or {@code auto}, in any case
     * @param terminal whether stdout is a terminal, which {@code auto} follows
     * @throws InvalidSettingException naming {@link #SETTING} if {@code value} is none of these
     */
    public static LogFormat of(String value, boolean terminal) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "text" -> TEXT;
            case "auto", "" -> terminal ? TEXT : JSON;
            default -> throw new InvalidSettingException(
                    SETTING + "=" + value + " is not valid: expected json, text or auto");
        };
    }

    /** {@code json} or {@code text}: the end of the name of the logback file that writes this format. */
    public String fileSuffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From Java 22 on, System.console() exists even when stdout is redirected; Console.isTerminal() (22+)
        // tells the two apart. The code is compiled for 21, hence the lookup.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
