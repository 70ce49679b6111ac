using System;
using System.Collections.Generic;
using System.Globalization;
using NetstatPS.Abstractions;

namespace NetstatPS.Filtering;

/// <summary>
/// The one output interface of a route lookup (ip route get … oif DEV): RouteQuery's single interface
/// name (an exact name; a case-insensitive match when no name matches exactly and only one does) and/or
/// its single index, which must then agree.
/// </summary>
internal static class OutputInterface
{
    /// <summary>Resolves the interface.</summary>
    /// <param name="query">The query.</param>
    /// <param name="interfaces">This host's interfaces.</param>
    /// <param name="index">The index, or null when the query names none.</param>
    /// <param name="unknown">The name that names no interface; null when resolved.</param>
    /// <returns>False when the name names no interface.</returns>
    /// <exception cref="ArgumentException">More than one name or index, a wildcard, or a name and an index of two interfaces.</exception>
    public static bool TryResolve(RouteQuery query, IReadOnlyList<InterfaceStatistic> interfaces, out int? index, out string? unknown)
    {
        index = null;
        unknown = null;
        if (query.InterfaceNames.Count > 1 || query.InterfaceIndexes.Count > 1)
        {
            throw new ArgumentException("A route lookup sends from one interface: give at most one interface name or index.", nameof(query));
        }

        if (query.InterfaceNames.Count == 1)
        {
            NamePattern name = query.InterfaceNames[0];
            if (name.IsWildcard)
            {
                throw new ArgumentException($"A route lookup sends from one interface: '{name.Text}' has wildcards.", nameof(query));
            }

            InterfaceStatistic? found = null;
            int caseless = 0;
            foreach (InterfaceStatistic i in interfaces)
            {
                if (string.Equals(i.Name, name.Text, StringComparison.Ordinal))
                {
                    found = i;
                    caseless = 1;
                    break;
                }

                if (name.IsMatch(i.Name))
                {
                    found = i;
                    caseless++;
                }
            }

            if (found is null || caseless != 1)
            {
                unknown = name.Text;
                return false;
            }

            index = found.Index;
        }

        if (query.InterfaceIndexes.Count == 1)
        {
            int given = query.InterfaceIndexes[0];
            if (index is int named && named != given)
            {
                throw new ArgumentException(
                    $"Interface '{query.InterfaceNames[0].Text}' has index {named.ToString(CultureInfo.InvariantCulture)}, not {given.ToString(CultureInfo.InvariantCulture)}: give the name or the index of one interface.",
                    nameof(query));
            }

            index = given;
        }

        return true;
    }
}
