namespace NetstatPS.Decoders.Windows;

/// <summary>The Source value of every Windows row.</summary>
internal static class WindowsSources
{
    /// <summary>Rows read through iphlpapi.dll.</summary>
    public const string IpHlpApi = "IpHlpApi";
}
