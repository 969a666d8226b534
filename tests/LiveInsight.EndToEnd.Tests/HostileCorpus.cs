namespace LiveInsight.EndToEnd.Tests;

/// <summary>One hostile request: what is sent and what the collector must answer.</summary>
/// <param name="Name">The case's name, shown as the theory's argument.</param>
/// <param name="ContentType">The Content-Type header, sent verbatim; null sends none.</param>
/// <param name="Body">The body's bytes, built on demand (some are over a megabyte).</param>
/// <param name="Status">The status the collector must answer.</param>
/// <param name="Code">The error code the answer must carry.</param>
/// <param name="EchoesFieldNames">
/// True where the input is a field name: unknown field names are named back (cut short, control characters
/// replaced, JSON-escaped) by design, so only the raw-text checks apply.
/// </param>
public sealed record HostileCase(string Name, string? ContentType, Func<byte[]> Body, int Status, string Code, bool EchoesFieldNames = false);

/// <summary>
/// The hostile-input corpus: malformed and truncated JSON, wrong types, control characters and lone
/// surrogates in every field, dangerous URLs, oversized bodies, invalid UTF-8 and wrong media types. Every
/// case must be refused with a 4xx in the error contract, quote nothing hostile back, and store nothing.
/// </summary>
public static class HostileCorpus
{
    /// <summary>Planted in hostile values; the answer must never contain it.</summary>
    public const string Marker = "zzHOSTILEzz";

    private const string Json = "application/json";
    private const string Malformed = "malformed_json";
    private const string Invalid = "validation_failed";
    private const string Shape = "invalid_body";
    private const string TooLarge = "payload_too_large";
    private const string BadEncoding = "invalid_encoding";
    private const string Media = "unsupported_media_type";

    private static readonly (string Key, string Raw)[] BaseFields =
    [
        ("user_id", "\"hostile_user\""),
        ("event_type", "\"page_view\""),
        ("page_url", "\"https://example.com/x\""),
        ("referrer", "\"https://google.com\""),
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, HostileCase>> All = new(() => Build().ToDictionary(c => c.Name, StringComparer.Ordinal));

    public static IReadOnlyDictionary<string, HostileCase> Cases => All.Value;

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Cases.Keys)
            {
                data.Add(name);
            }

            return data;
        }
    }

    /// <summary>A valid event's JSON with one field's raw JSON value replaced (or added); null drops it.</summary>
    private static string With(string key, string? raw, params (string Key, string Raw)[] extra)
    {
        var fields = BaseFields.Where(f => f.Key != key).ToList();
        if (raw is not null)
        {
            fields.Add((key, raw));
        }

        fields.AddRange(extra);
        return "{" + string.Join(',', fields.Select(f => $"\"{f.Key}\":{f.Raw}")) + "}";
    }

    private static string Props(string rawObject) => With("properties", rawObject);

    private static string Q(string text) => "\"" + text + "\"";

    private static string ValidEvent => With("user_id", "\"hostile_user\"");

    private static IEnumerable<HostileCase> Build()
    {
        HostileCase Text(string name, string body, int status, string code, string? contentType = Json, bool echoes = false) =>
            new(name, contentType, () => System.Text.Encoding.UTF8.GetBytes(body), status, code, echoes);
        HostileCase Bytes(string name, Func<byte[]> body, int status, string code, string? contentType = Json) =>
            new(name, contentType, body, status, code);

        // --- malformed and truncated JSON ---
        yield return Text("malformed_unquoted_keys", $"{{user_id:\"{Marker}\",event_type:\"page_view\"}}", 400, Malformed);
        yield return Text("malformed_single_quotes", $"{{'user_id':'{Marker}'}}", 400, Malformed);
        yield return Text("malformed_trailing_comma", ValidEvent[..^1] + ",}", 400, Malformed);
        yield return Text("malformed_comment", $"/* {Marker} */" + ValidEvent, 400, Malformed);
        yield return Text("malformed_trailing_garbage", ValidEvent + Marker, 400, Malformed);
        yield return Text("malformed_two_objects", ValidEvent + ValidEvent, 400, Malformed);
        yield return Text("malformed_missing_colon", $"{{\"user_id\" \"{Marker}\"}}", 400, Malformed);
        yield return Text("malformed_bad_escape", $"{{\"user_id\":\"\\x41{Marker}\"}}", 400, Malformed);
        yield return Text("malformed_short_unicode_escape", "{\"user_id\":\"\\u12\"}", 400, Malformed);
        yield return Text("malformed_leading_zero_number", Props("{\"n\":0123}"), 400, Malformed);
        yield return Text("malformed_raw_newline_in_string", With("user_id", "\"a\nb\""), 400, Malformed);
        yield return Bytes("malformed_raw_nul_in_string", () => System.Text.Encoding.UTF8.GetBytes(With("user_id", "\"a\0b\"")), 400, Malformed);
        yield return Text("truncated_in_a_string", ValidEvent[..(ValidEvent.Length / 2)], 400, Malformed);
        yield return Text("truncated_after_colon", "{\"user_id\":", 400, Malformed);
        yield return Text("truncated_open_brace", "{", 400, Malformed);
        yield return Text("truncated_batch", "[" + ValidEvent + ",", 400, Malformed);
        yield return Text("truncated_unterminated_string", $"{{\"user_id\":\"{Marker}", 400, Malformed);
        yield return Text("literal_nan", Props("{\"x\":NaN}"), 400, Malformed);
        yield return Text("literal_infinity", Props("{\"x\":Infinity}"), 400, Malformed);
        yield return Text("literal_negative_infinity", Props("{\"x\":-Infinity}"), 400, Malformed);
        yield return Text("literal_undefined", With("referrer", "undefined"), 400, Malformed);
        yield return Text("nesting_100_arrays", new string('[', 100) + new string(']', 100), 400, Malformed);
        yield return Text("nesting_properties_20_objects", Props(string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 20)), 400, Malformed);
        yield return Text("xml_body_as_json", $"<?xml version=\"1.0\"?><event><user_id>{Marker}</user_id><script>alert(1)</script></event>", 400, Malformed);
        yield return Text("form_body_as_json", $"user_id={Marker}&event_type=page_view&page_url=https%3A%2F%2Fexample.com", 400, Malformed);
        yield return Text("empty_body", "", 400, Malformed);
        yield return Text("whitespace_body", "  \r\n\t ", 400, Malformed);
        yield return Bytes("bom_only_body", () => [0xEF, 0xBB, 0xBF], 400, Malformed);
        yield return Bytes("utf16le_body_without_bom", () => System.Text.Encoding.Unicode.GetBytes(ValidEvent), 400, Malformed);

        // --- wrong top-level shape ---
        yield return Text("top_level_null", "null", 400, Shape);
        yield return Text("top_level_empty_array", "[]", 400, Shape);
        yield return Text("top_level_string", Q(Marker), 400, Shape);
        yield return Text("top_level_number", "42", 400, Shape);
        yield return Text("top_level_true", "true", 400, Shape);
        yield return Text("top_level_huge_number", "1e400", 400, Shape);

        // --- wrong JSON type for each field ---
        foreach (var (field, raw, label) in new[]
        {
            ("user_id", "12345", "number"), ("user_id", "[\"a\"]", "array"), ("user_id", "{\"id\":\"a\"}", "object"), ("user_id", "true", "bool"),
            ("event_type", "1", "number"), ("event_type", "[\"page_view\"]", "array"),
            ("page_url", "1e400", "number"), ("page_url", "{\"href\":\"https://example.com\"}", "object"),
            ("referrer", "0", "number"), ("referrer", "false", "bool"),
            ("session_id", "20250101", "number"), ("session_id", "{}", "object"),
            ("client_event_id", "7", "number"), ("client_event_id", "[1]", "array"),
            ("properties", "[1,2,3]", "array"), ("properties", Q(Marker), "string"), ("properties", "3.14", "number"), ("properties", "true", "bool"),
        })
        {
            yield return Text($"type_{field}_{label}", With(field, raw), 400, Invalid);
        }

        // --- reserved, blank and oversized user_id (a missing or null one is an anonymous visitor's since issue 13) ---
        yield return Text("user_id_reserved_anon_form", With("user_id", "\"anon_0123456789abcdef\""), 400, Invalid);
        yield return Text("missing_event_type", With("event_type", null), 400, Invalid);
        yield return Text("missing_page_url", With("page_url", null), 400, Invalid);
        yield return Text("empty_object", "{}", 400, Invalid);
        yield return Text("user_id_empty", With("user_id", "\"\""), 400, Invalid);
        yield return Text("user_id_spaces", With("user_id", "\"    \""), 400, Invalid);
        yield return Text("user_id_unicode_whitespace", With("user_id", "\"\\u00a0\\u2003\\u3000\""), 400, Invalid);
        yield return Text("user_id_129_chars", With("user_id", Q(Marker + new string('u', 129 - Marker.Length))), 400, Invalid);
        yield return Text("user_id_100_kb", With("user_id", Q(Marker + new string('u', 100_000))), 413, TooLarge);

        // --- control characters (escaped, so the JSON is valid) in every string field ---
        foreach (var (field, raw) in new[]
        {
            ("user_id", $"\"{Marker}\\u0000\""), ("event_type", "\"page\\u0000view\""), ("page_url", $"\"https://example.com/{Marker}\\u0000\""),
            ("referrer", $"\"https://google.com/{Marker}\\u0000\""), ("session_id", "\"sess_20250101_0123456789abcdef\\u0000\""),
            ("client_event_id", "\"c1\\u0000\""),
        })
        {
            yield return Text($"nul_in_{field}", With(field, raw), 400, Invalid);
        }

        yield return Text("nul_in_property_value", Props($"{{\"k\":\"{Marker}\\u0000\"}}"), 400, Invalid);
        yield return Text("nul_in_property_key", Props("{\"k\\u0000\":\"v\"}"), 400, Invalid);
        yield return Text("nul_in_nested_property_value", Props($"{{\"k\":{{\"j\":[\"{Marker}\\u0000\"]}}}}"), 400, Invalid);
        yield return Text("bell_in_user_id", With("user_id", $"\"{Marker}\\u0007\""), 400, Invalid);
        yield return Text("del_in_user_id", With("user_id", $"\"{Marker}\\u007f\""), 400, Invalid);
        yield return Text("c1_control_in_user_id", With("user_id", $"\"{Marker}\\u0085\""), 400, Invalid);
        yield return Text("newline_in_user_id", With("user_id", $"\"{Marker}\\nX-Injected: 1\""), 400, Invalid);
        yield return Text("crlf_in_page_url", With("page_url", $"\"https://example.com/{Marker}\\r\\nSet-Cookie: a=b\""), 400, Invalid);
        yield return Text("escape_sequence_in_event_type", With("event_type", "\"\\u001b[31mred\""), 400, Invalid);
        yield return Text("tab_in_referrer", With("referrer", $"\"https://google.com/\\t{Marker}\""), 400, Invalid);

        // --- lone surrogates: valid JSON escapes, but not valid strings ---
        yield return Text("lone_high_surrogate_in_user_id", With("user_id", "\"abc\\ud800\""), 400, Invalid);
        yield return Text("lone_low_surrogate_in_page_url", With("page_url", "\"https://example.com/\\udfff\""), 400, Invalid);
        yield return Text("reversed_surrogates_in_event_type", With("event_type", "\"\\udc00\\ud800\""), 400, Invalid);
        yield return Text("lone_surrogate_in_client_event_id", With("client_event_id", "\"\\ud83d\""), 400, Invalid);
        yield return Text("lone_surrogate_in_property_value", Props("{\"k\":\"\\ud800\"}"), 400, Invalid);
        yield return Text("lone_surrogate_in_property_key", Props("{\"\\ud800\":1}"), 400, Invalid);
        yield return Text("lone_surrogate_in_field_name", With("user_id", "\"hostile_user\"", ("\\ud800", "1")), 400, Invalid, echoes: true);

        // --- URLs that are not absolute http(s) ---
        foreach (var (label, url) in new[]
        {
            ("javascript", $"javascript:alert('{Marker}')"), ("javascript_mixed_case", $"JaVaScRiPt:alert('{Marker}')"),
            ("ftp", $"ftp://example.com/{Marker}"), ("protocol_relative", $"//example.com/{Marker}"), ("relative_path", $"/path/{Marker}"),
            ("data", $"data:text/html,<script>alert('{Marker}')</script>"), ("file", "file:///etc/passwd"), ("mailto", $"mailto:{Marker}@example.com"),
            ("no_scheme", $"example.com/{Marker}"), ("one_slash", $"http:/example.com/{Marker}"), ("no_host", "https://"),
            ("space_in_host", $"https://exa mple.com/{Marker}"), ("backslashes", $"https:\\\\\\\\example.com\\\\{Marker}"), ("empty", ""),
            ("vbscript", $"vbscript:msgbox(\\\"{Marker}\\\")"),
        })
        {
            yield return Text($"page_url_{label}", With("page_url", Q(url)), 400, Invalid);
        }

        yield return Text("referrer_javascript", With("referrer", Q($"javascript:alert('{Marker}')")), 400, Invalid);
        yield return Text("referrer_relative", With("referrer", Q($"/from/{Marker}")), 400, Invalid);
        yield return Text("page_url_2049_chars", With("page_url", Q("https://example.com/" + Marker + new string('a', 2049 - 20 - Marker.Length))), 400, Invalid);
        yield return Text("referrer_2049_chars", With("referrer", Q("https://google.com/" + Marker + new string('a', 2049 - 19 - Marker.Length))), 400, Invalid);
        yield return Text("page_url_40_kb", With("page_url", Q("https://example.com/" + Marker + new string('a', 40_000))), 413, TooLarge);

        // --- event_type ---
        foreach (var (label, type) in new[]
        {
            ("uppercase", "PAGE_VIEW"), ("space", "page view"), ("65_chars", new string('e', 65)), ("leading_underscore", "_page_view"),
            ("leading_dash", "-page"), ("empty", ""), ("non_ascii", "pagé_view"), ("script", "<script>alert(1)</script>"), ("slash", "page/view"),
        })
        {
            yield return Text($"event_type_{label}", With("event_type", Q(type)), 400, Invalid);
        }

        // --- session_id not in our format ---
        foreach (var (label, id) in new[]
        {
            ("free_text", Marker), ("short_date", "sess_2025_0123456789abcdef"), ("uppercase", "SESS_20250101_0123456789ABCDEF"),
            ("seven_hex", "sess_20250101_0123456"), ("33_hex", "sess_20250101_" + new string('a', 33)), ("path_traversal", "../../etc/passwd"),
            ("empty", ""), ("trailing_space", "sess_20250101_0123456789abcdef "),
        })
        {
            yield return Text($"session_id_{label}", With("session_id", Q(id)), 400, Invalid);
        }

        // --- client_event_id ---
        foreach (var (label, id) in new[]
        {
            ("65_chars", new string('c', 65)), ("space", "a b"), ("slash", "a/b"), ("angle_brackets", "<x>"), ("empty", ""),
            ("leading_dash", "-abc"), ("non_ascii", "évt1"), ("hash", "user#1"),
        })
        {
            yield return Text($"client_event_id_{label}", With("client_event_id", Q(id)), 400, Invalid);
        }

        // --- screen_width: a whole number of CSS pixels, 1-32768 ---
        foreach (var (label, width) in new[]
        {
            ("zero", "0"), ("negative", "-1"), ("32769", "32769"), ("fraction", "1280.5"), ("1e9", "1e9"), ("string", "\"1280\""),
        })
        {
            yield return Text($"screen_width_{label}", With("screen_width", width), 400, Invalid);
        }

        // --- properties ---
        yield return Text("properties_51_keys", Props("{" + string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"k{i}\":{i}")) + "}"), 400, Invalid);
        yield return Text("properties_3000_keys", Props("{" + string.Join(',', Enumerable.Range(0, 3000).Select(i => $"\"k{i}\":1")) + "}"), 400, Invalid);
        yield return Text("properties_depth_4_objects", Props("{\"a\":{\"b\":{\"c\":{\"d\":1}}}}"), 400, Invalid);
        yield return Text("properties_depth_4_arrays", Props("{\"a\":[[[1]]]}"), 400, Invalid);
        yield return Text("properties_string_1025_chars", Props($"{{\"k\":\"{Marker}{new string('s', 1025 - Marker.Length)}\"}}"), 400, Invalid);
        yield return Text("properties_number_1e400", Props("{\"n\":1e400}"), 400, Invalid);
        yield return Text("properties_number_minus_1e400", Props("{\"n\":-1e400}"), 400, Invalid);
        yield return Text("properties_number_1e125", Props("{\"n\":1e125}"), 400, Invalid);
        yield return Text("properties_number_1e_minus_131", Props("{\"n\":1e-131}"), 400, Invalid);
        yield return Text("properties_number_39_digits", Props("{\"n\":123456789012345678901234567890123456789}"), 400, Invalid);
        yield return Text("properties_array_51_items", Props("{\"a\":[" + string.Join(',', Enumerable.Range(0, 51)) + "]}"), 400, Invalid);
        yield return Text("properties_key_129_chars", Props($"{{\"{new string('k', 129)}\":1}}"), 400, Invalid);
        yield return Text("properties_empty_key", Props("{\"\":1}"), 400, Invalid);
        yield return Text("properties_duplicate_key", Props("{\"a\":1,\"a\":2}"), 400, Invalid);

        // --- duplicate and unknown fields ---
        yield return Text("duplicate_user_id", With("user_id", "\"first\"", ("user_id", Q(Marker))), 400, Invalid);
        yield return Text("duplicate_page_url", With("page_url", "\"https://example.com/a\"", ("page_url", "\"https://example.com/b\"")), 400, Invalid);
        yield return Text("unknown_field", With("user_id", "\"hostile_user\"", ("extra", Q(Marker))), 400, Invalid);
        yield return Text("unknown_field_named_script", With("user_id", "\"hostile_user\"", ("<script>alert(1)</script>", "1")), 400, Invalid, echoes: true);
        yield return Text("unknown_field_named_with_nul", With("user_id", "\"hostile_user\"", ("a\\u0000b", "1")), 400, Invalid, echoes: true);
        yield return Text("unknown_field_10_kb_name", With("user_id", "\"hostile_user\"", (new string('f', 10_000), "1")), 400, Invalid, echoes: true);
        yield return Text("unknown_field_proto", With("user_id", "\"hostile_user\"", ("__proto__", "{\"admin\":true}")), 400, Invalid, echoes: true);
        yield return Text("empty_field_name", With("user_id", "\"hostile_user\"", ("", Q(Marker))), 400, Invalid, echoes: true);
        yield return Text("field_name_case_variant", With("user_id", null, ("USER_ID", "\"hostile_user\"")), 400, Invalid, echoes: true);

        // --- batches that hold nothing valid ---
        yield return Text("batch_of_non_objects", $"[1,\"{Marker}\",null,true,[]]", 400, Invalid);
        yield return Text("batch_of_nested_batches", "[[" + ValidEvent + "]]", 400, Invalid);
        yield return Text("batch_of_empty_objects", "[{},{},{}]", 400, Invalid);
        yield return Text("batch_of_invalid_events", "[" + With("page_url", Q("javascript:1")) + "," + With("event_type", Q("BAD")) + "]", 400, Invalid);

        // --- sizes ---
        yield return Text("single_over_32_kb", Props("{" + string.Join(',', Enumerable.Range(0, 40).Select(i => $"\"k{i}\":\"{new string('x', 1000)}\"")) + "}"), 413, TooLarge);
        yield return Text("batch_over_512_kb", "[" + string.Join(',', Enumerable.Repeat(Props("{" + string.Join(',', Enumerable.Range(0, 6).Select(i => $"\"k{i}\":\"{new string('x', 1000)}\"")) + "}"), 100)) + "]", 413, TooLarge);
        yield return Text("batch_of_101_events", "[" + string.Join(',', Enumerable.Repeat(ValidEvent, 101)) + "]", 413, TooLarge);
        yield return Text("batch_of_10000_empty_objects", "[" + string.Join(',', Enumerable.Repeat("{}", 10_000)) + "]", 413, TooLarge);
        yield return Text("body_over_1_mib_of_whitespace", ValidEvent + new string(' ', 1_100_000), 413, TooLarge);
        yield return Bytes("body_over_1_mib_of_random_bytes", () =>
        {
            var bytes = new byte[1_200_000];
            new Random(7).NextBytes(bytes);
            return bytes;
        }, 413, TooLarge);

        // --- bytes that are not UTF-8 ---
        foreach (var (label, bad) in new (string, byte[])[]
        {
            ("lone_continuation_byte", [0x80]), ("ff_byte", [0xFF]), ("overlong_slash", [0xC0, 0xAF]), ("utf8_encoded_surrogate", [0xED, 0xA0, 0x80]),
            ("above_unicode_range", [0xF4, 0x90, 0x80, 0x80]), ("truncated_sequence", [0xE2, 0x82]),
        })
        {
            yield return Bytes($"invalid_utf8_{label}", () => Splice(With("user_id", "\"ab@@cd\""), "@@", bad), 400, BadEncoding);
        }

        yield return Bytes("invalid_utf8_at_end_of_body", () => [.. System.Text.Encoding.UTF8.GetBytes(ValidEvent), 0xE2, 0x82], 400, BadEncoding);
        yield return Bytes("latin1_encoded_body", () => System.Text.Encoding.Latin1.GetBytes(With("user_id", "\"café\"")), 400, BadEncoding);
        yield return Bytes("utf16le_body_with_bom", () => [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes(ValidEvent)], 400, BadEncoding);

        // --- media types other than UTF-8 JSON or text ---
        yield return Text("content_type_application_xml", $"<event><user_id>{Marker}</user_id></event>", 415, Media, "application/xml");
        yield return Text("content_type_text_xml", ValidEvent, 415, Media, "text/xml");
        yield return Text("content_type_multipart", $"--b\r\nContent-Disposition: form-data; name=\"user_id\"\r\n\r\n{Marker}\r\n--b--\r\n", 415, Media, "multipart/form-data; boundary=b");
        yield return Text("content_type_form_urlencoded", $"user_id={Marker}&event_type=page_view", 415, Media, "application/x-www-form-urlencoded");
        yield return Text("content_type_missing", ValidEvent, 415, Media, contentType: null);
        yield return Text("content_type_charset_latin1", ValidEvent, 415, Media, "application/json; charset=latin1");
        yield return Text("content_type_charset_iso_8859_1", ValidEvent, 415, Media, "text/plain; charset=iso-8859-1");
        yield return Text("content_type_charset_utf16", ValidEvent, 415, Media, "application/json; charset=utf-16");
        yield return Text("content_type_octet_stream", ValidEvent, 415, Media, "application/octet-stream");
        yield return Text("content_type_text_html", $"<script>alert('{Marker}')</script>", 415, Media, "text/html");
        yield return Text("content_type_javascript", ValidEvent, 415, Media, "application/javascript");
        yield return Text("content_type_garbage", ValidEvent, 415, Media, Marker);
    }

    private static byte[] Splice(string text, string placeholder, byte[] bytes)
    {
        var at = text.IndexOf(placeholder, StringComparison.Ordinal);
        var utf8 = System.Text.Encoding.UTF8;
        return [.. utf8.GetBytes(text[..at]), .. bytes, .. utf8.GetBytes(text[(at + placeholder.Length)..])];
    }
}
