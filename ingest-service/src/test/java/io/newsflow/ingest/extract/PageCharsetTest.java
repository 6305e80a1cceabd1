package io.newsflow.ingest.extract;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PageCharsetTest {

    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static byte[] page(String meta, String text, Charset charset) {
        return ("<html><head>" + meta + "</head><body><p>" + text + "</p></body></html>").getBytes(charset);
    }

    @Test
    void a_byte_order_mark_decides_and_is_not_part_of_the_text() {
        byte[] body = page("<meta charset=windows-1251>", "Привет", StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(body, 0, withBom, 3, body.length);

        PageCharset.Decoded decoded = PageCharset.decode(withBom, WINDOWS_1251);

        assertThat(decoded.source()).isEqualTo("bom");
        assertThat(decoded.text()).startsWith("<html>").contains("Привет");
    }

    @Test
    void valid_utf8_content_overrules_a_wrong_http_header_and_meta() {
        byte[] bytes = page("<meta charset=iso-8859-1>", "Crème brûlée", StandardCharsets.UTF_8);

        PageCharset.Decoded decoded = PageCharset.decode(bytes, StandardCharsets.ISO_8859_1);

        assertThat(decoded.source()).isEqualTo("content");
        assertThat(decoded.text()).contains("Crème brûlée");
    }

    @Test
    void the_http_header_names_a_single_byte_charset() {
        byte[] bytes = page("", "Привет, мир", WINDOWS_1251);

        PageCharset.Decoded decoded = PageCharset.decode(bytes, WINDOWS_1251);

        assertThat(decoded.source()).isEqualTo("http");
        assertThat(decoded.text()).contains("Привет, мир");
    }

    @Test
    void the_meta_declaration_is_used_when_the_header_wrongly_says_utf8() {
        byte[] bytes = page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">", "Привет", WINDOWS_1251);

        PageCharset.Decoded decoded = PageCharset.decode(bytes, StandardCharsets.UTF_8);

        assertThat(decoded.source()).isEqualTo("meta");
        assertThat(decoded.text()).contains("Привет");
    }

    @Test
    void a_declared_latin1_is_read_as_windows_1252_like_browsers_do() {
        byte[] bytes = page("<meta charset=\"ISO-8859-1\">", "“quoted” – dash", WINDOWS_1252);

        assertThat(PageCharset.decode(bytes, null).text()).contains("“quoted” – dash");
    }

    @Test
    void undeclared_bytes_that_are_not_utf8_default_to_windows_1252() {
        byte[] bytes = page("<meta charset=utf-8>", "café", WINDOWS_1252);

        PageCharset.Decoded decoded = PageCharset.decode(bytes, null);

        assertThat(decoded.source()).isEqualTo("default");
        assertThat(decoded.text()).contains("café");
    }
}
