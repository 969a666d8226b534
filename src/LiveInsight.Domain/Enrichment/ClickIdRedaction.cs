namespace LiveInsight.Domain.Enrichment;

/// <summary>
/// Takes ad click ids (gclid, fbclid, …) out of a page or referrer URL before it is stored. Their values tie a visit
/// to one ad click in the ad platform's records, so they identify a person there; the event keeps only the
/// parameter's name, as <c>click_id</c> (ADR 0019). Every other part of the URL is kept as sent.
/// </summary>
public static class ClickIdRedaction
{
    /// <summary>
    /// Per-click or per-person ids that are removed too, though <c>click_id</c> does not name them: DoubleClick's and
    /// Yandex's click ids, Google's cross-domain linker (it carries the analytics client id), Mailchimp's
    /// subscriber id and Instagram's share id.
    /// </summary>
    public static readonly IReadOnlyList<string> AlsoRemoved = ["dclid", "yclid", "_gl", "mc_eid", "igshid"];

    public static string Redact(string pageUrl)
    {
        var queryStart = pageUrl.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0)
        {
            return pageUrl;
        }

        var fragmentStart = pageUrl.IndexOf('#', queryStart);
        var queryEnd = fragmentStart < 0 ? pageUrl.Length : fragmentStart;
        var query = pageUrl.AsSpan(queryStart + 1, queryEnd - queryStart - 1);
        if (!ContainsClickId(query))
        {
            return pageUrl;
        }

        var kept = new List<string>();
        foreach (var range in query.Split('&'))
        {
            var parameter = query[range];
            if (parameter.Length > 0 && !IsClickId(parameter))
            {
                kept.Add(parameter.ToString());
            }
        }

        var rest = pageUrl[queryEnd..];
        return kept.Count == 0
            ? pageUrl[..queryStart] + rest
            : pageUrl[..(queryStart + 1)] + string.Join('&', kept) + rest;
    }

    private static bool ContainsClickId(ReadOnlySpan<char> query)
    {
        foreach (var range in query.Split('&'))
        {
            if (IsClickId(query[range]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsClickId(ReadOnlySpan<char> parameter)
    {
        var equals = parameter.IndexOf('=');
        var name = equals < 0 ? parameter : parameter[..equals];
        foreach (var clickId in CampaignParameters.ClickIdNames)
        {
            if (name.Equals(clickId, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var other in AlsoRemoved)
        {
            if (name.Equals(other, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
