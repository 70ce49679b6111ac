using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace NetstatPS.Core.Tests.Linux.Routes;

/// <summary>
/// Turns `ip -j route show` entries and Core Route objects into the same one-line keys so route sets can be
/// compared. ip omits defaults: type unicast, table main, protocol boot, metric 0, IPv4 scope universe.
/// </summary>
internal static class IprouteRouteOracle
{
    public static List<string> Keys(JsonElement ipJson, IPAddressFamily family, string shownTable = "main")
    {
        var keys = new List<string>();
        foreach (JsonElement r in ipJson.EnumerateArray())
        {
            string type = LinuxTestSupport.Str(r, "type") ?? "unicast";
            string dst = LinuxTestSupport.Str(r, "dst")!;
            int max = family == IPAddressFamily.IPv4 ? 32 : 128;
            dst = dst == "default" ? (family == IPAddressFamily.IPv4 ? "0.0.0.0/0" : "::/0") : dst.Contains('/') ? dst : dst + "/" + max.ToString(CultureInfo.InvariantCulture);
            string table = LinuxTestSupport.Str(r, "table") ?? shownTable; // ip omits the table it was asked for, and main
            string protocol = LinuxTestSupport.Str(r, "protocol") ?? "boot";
            string scope = family == IPAddressFamily.IPv4 ? LinuxTestSupport.Str(r, "scope") ?? "universe" : "-";
            long metric = LinuxTestSupport.Num(r, "metric") ?? 0;
            string prefsrc = LinuxTestSupport.Str(r, "prefsrc") ?? "-";
            string mtu = "-";
            if (r.TryGetProperty("metrics", out JsonElement metrics))
            {
                foreach (JsonElement m in metrics.EnumerateArray())
                {
                    if (m.TryGetProperty("mtu", out JsonElement v))
                    {
                        mtu = v.GetInt64().ToString(CultureInfo.InvariantCulture);
                    }
                }
            }

            string pref = LinuxTestSupport.Str(r, "pref") ?? "-";
            string nhid = LinuxTestSupport.Num(r, "nhid")?.ToString(CultureInfo.InvariantCulture) ?? "-";
            var hops = new List<(string Gateway, string Dev, string Weight)>();
            if (r.TryGetProperty("nexthops", out JsonElement nexthops))
            {
                foreach (JsonElement nh in nexthops.EnumerateArray())
                {
                    hops.Add((Gateway(nh, family), LinuxTestSupport.Str(nh, "dev") ?? "-", LinuxTestSupport.Num(nh, "weight")?.ToString(CultureInfo.InvariantCulture) ?? "-"));
                }
            }
            else
            {
                hops.Add((Gateway(r, family), LinuxTestSupport.Str(r, "dev") ?? "-", "-"));
            }

            foreach ((string gw, string dev, string weight) in hops)
            {
                keys.Add(string.Join("|", family, type, dst, gw, dev, table, protocol, scope, metric, prefsrc, mtu, pref, weight, nhid));
            }
        }

        keys.Sort(System.StringComparer.Ordinal);
        return keys;
    }

    public static List<string> Keys(IEnumerable<Route> routes)
    {
        var keys = routes.Select(r => string.Join(
            "|",
            r.AddressFamily,
            r.Type.ToLowerInvariant(),
            r.DestinationPrefix,
            r.IsOnLink ? "-" : r.NextHop,
            r.InterfaceName ?? "-",
            r.TableName,
            r.Protocol,
            r.AddressFamily == IPAddressFamily.IPv4 ? r.Scope!.ToLowerInvariant() : "-",
            r.Metric,
            r.InterfaceAddress ?? "-",
            r.Mtu?.ToString(CultureInfo.InvariantCulture) ?? "-",
            r.Preference?.ToLowerInvariant() ?? "-",
            r.Weight?.ToString(CultureInfo.InvariantCulture) ?? "-",
            r.NextHopId?.ToString(CultureInfo.InvariantCulture) ?? "-")).ToList();
        keys.Sort(System.StringComparer.Ordinal);
        return keys;
    }

    private static string Gateway(JsonElement e, IPAddressFamily family)
    {
        if (LinuxTestSupport.Str(e, "gateway") is string gw)
        {
            return gw;
        }

        if (e.TryGetProperty("via", out JsonElement via))
        {
            return LinuxTestSupport.Str(via, "host")!;
        }

        return "-";
    }
}
