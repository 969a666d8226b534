using LiveInsight.Domain.Enrichment;

namespace LiveInsight.Domain.UserAgents;

/// <summary>
/// Desktop, Mobile or Tablet from the tokens a User-Agent carries, not from a list of models: browsers mark
/// phones ("Mobi", "iPhone") and tablets ("iPad", Android without "Mobile") themselves, and a model list would
/// age. An iPad that asks for desktop sites says "Macintosh" and counts as Desktop: we take the User-Agent's word.
/// </summary>
public static class DeviceClassifier
{
    // Checked first: some tablets' builds also carry "Mobile". Firefox for Android tablets says "Android 14; Tablet;";
    // "Tablet;" rather than "Tablet" because old Windows PCs say "Tablet PC 2.0".
    private static readonly string[] TabletTokens = ["iPad", "Tablet;", "PlayBook", "Kindle"];

    // "Mobi" covers "Mobile" and "Mobi/": Mozilla's advice to sites is to look for it.
    private static readonly string[] MobileTokens = ["Mobi", "iPhone", "iPod", "Windows Phone", "Opera Mini", "BlackBerry", "BB10", "KAIOS", "Nokia"];

    public static DeviceClass Classify(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return DeviceClass.Desktop;
        }

        if (ContainsAny(userAgent, TabletTokens))
        {
            return DeviceClass.Tablet;
        }

        if (ContainsAny(userAgent, MobileTokens))
        {
            return DeviceClass.Mobile;
        }

        // Android's convention: phones add "Mobile", tablets do not.
        return userAgent.Contains("Android", StringComparison.OrdinalIgnoreCase) ? DeviceClass.Tablet : DeviceClass.Desktop;
    }

    private static bool ContainsAny(string userAgent, string[] tokens)
    {
        foreach (var token in tokens)
        {
            if (userAgent.Contains(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
