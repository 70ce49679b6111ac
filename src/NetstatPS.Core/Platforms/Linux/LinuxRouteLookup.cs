using System;
using System.Collections.Generic;
using System.Globalization;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Linux;
using NetstatPS.Filtering;
using NetstatPS.Interop.Linux;

namespace NetstatPS.Platforms.Linux;

/// <summary>
/// Asks the kernel for the route to one address, as <c>ip route get ADDRESS [from SRC] [oif DEV]</c>
/// does, on one rtnetlink socket: an RTM_GETLINK dump for interface names (and to turn -InterfaceName
/// into the oif), the plain RTM_GETROUTE request (the path: policy rules, the multipath choice, the
/// preferred source), then the same request with RTM_F_FIB_MATCH (the matching entry: its prefix and
/// the chosen hop's weight). Two requests rather than one because neither answer holds both halves;
/// see <see cref="LinuxRouteGetDecoder"/>.
/// </summary>
internal static class LinuxRouteLookup
{
    /// <summary>Asks.</summary>
    /// <param name="query">The query, Destination set.</param>
    /// <param name="tables">Table names for TableName and for the query's Tables.</param>
    /// <param name="warnings">Where warnings go.</param>
    /// <returns>The answer.</returns>
    public static RouteLookupAnswer Ask(RouteQuery query, LinuxRouteTableNameMap tables, WarningCollector warnings)
    {
        System.Net.IPAddress destination = query.Destination ?? throw new ArgumentException("The query has no Destination.", nameof(query));
        using NetlinkSocket? socket = NetlinkSocket.TryOpen(NetlinkSocket.NetlinkRoute, out int openErrno);
        if (socket is null)
        {
            return RouteLookupAnswer.CannotAsk($"rtnetlink is not available (socket errno {openErrno.ToString(CultureInfo.InvariantCulture)}).");
        }

        byte[]? links = LinuxInterfaceStatisticSource.DumpLinks(socket, warnings);
        if (links is null)
        {
            return RouteLookupAnswer.CannotAsk("the kernel refused the rtnetlink interface dump.");
        }

        try
        {
            var interfaces = new List<InterfaceStatistic>();
            LinuxLinkDecoder.Decode(links, interfaces);
            var names = new Dictionary<int, string>();
            foreach (InterfaceStatistic i in interfaces)
            {
                names[i.Index] = i.Name;
            }

            if (!OutputInterface.TryResolve(query, interfaces, out int? oif, out string? unknown))
            {
                return RouteLookupAnswer.NoSuchInterface(unknown!);
            }

            string shown = destination.ToString();
            if (!socket.Ask(LinuxRouteGetRequest.Build(destination, query.SourceAddress, oif, fibMatch: false), out ushort type, out byte[]? answer, out int errno))
            {
                return RouteLookupAnswer.CannotAsk($"the route request failed (socket errno {errno.ToString(CultureInfo.InvariantCulture)}).");
            }

            if (answer is null)
            {
                return RouteLookupAnswer.Refused(LinuxRouteLookupErrors.Message(shown, errno, query.SourceAddress?.ToString()));
            }

            if (type != LinuxRouteDecoder.NewRoute)
            {
                throw new NetstatDecodeException($"The kernel answered a route request with message type {type.ToString(CultureInfo.InvariantCulture)}.");
            }

            // The entry may be gone by now (the table changed): then the path alone is the answer.
            byte[]? entry = socket.Ask(LinuxRouteGetRequest.Build(destination, query.SourceAddress, oif, fibMatch: true), out ushort entryType, out byte[]? match, out _) && entryType == LinuxRouteDecoder.NewRoute ? match : null;

            Route route = LinuxRouteGetDecoder.Decode(answer, entry ?? Array.Empty<byte>(), names, out _);
            route.TableName = route.Table is long t ? tables.NameOf(t) : null;
            if (query.Tables.Count > 0)
            {
                Func<long, bool>? wanted = LinuxRouteSource.TableFilter(query.Tables, tables, warnings, out _);
                if (wanted is not null && (route.Table is not long table || !wanted(table)))
                {
                    return RouteLookupAnswer.NotInTables();
                }
            }

            return RouteLookupAnswer.Found(route);
        }
        catch (NetstatDecodeException e)
        {
            return RouteLookupAnswer.CannotAsk("the kernel's answer could not be decoded (" + e.Message + ").");
        }
    }
}
