package io.newsflow.ingest.extract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTextTest {

    @Test
    void puts_a_blank_line_between_blocks_and_keeps_line_breaks() {
        String html = "Lead text <b>bold</b>\n   and more<p>First\n paragraph</p><div>Second<br>line two</div><ul><li>one</li><li>two</li></ul>";

        assertThat(HtmlText.fromFragment(html)).isEqualTo("Lead text bold and more\n\nFirst paragraph\n\nSecond\nline two\n\none\n\ntwo");
    }

    @Test
    void gives_null_for_null_and_empty_text_for_markup_without_text() {
        assertThat(HtmlText.fromFragment(null)).isNull();
        assertThat(HtmlText.fromFragment("<p> </p><div>&nbsp;</div>")).isEmpty();
    }
}
