using System;
using System.Collections.Generic;
using System.Linq;

namespace NetstatPS.HelpBuilder;

/// <summary>
/// Builds the SYNTAX of a page from its parameters' yaml blocks, as platyPS 0.14 does
/// (Transformer/ModelTransformerVersion2.cs GatherSyntax and FillUpSyntax); the ```SYNTAX``` code blocks in
/// the docs are never read. One syntax per parameter-set name, in the order the parameters first name
/// them; "(All)" is a syntax of its own only when it is the only set name, otherwise an "(All)" parameter
/// joins every named set (so a set that no parameter names explicitly gets no syntax: name it). In each
/// syntax, parameters are stably ordered by their Position text, so positional ones ("0", "1", ...) come
/// before "Named" ones, which keep the page's order.
/// </summary>
internal static class SyntaxGatherer
{
    public static List<IReadOnlyList<HelpParameter>> Gather(IReadOnlyList<ParameterSetMap> parameters)
    {
        var names = new List<string>();
        foreach (string set in parameters.SelectMany(p => p.Sets))
        {
            if (!names.Contains(set, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(set);
            }
        }

        var syntaxes = new List<IReadOnlyList<HelpParameter>>();
        if (names.Count == 0)
        {
            syntaxes.Add(Array.Empty<HelpParameter>());
        }

        foreach (string name in names)
        {
            if (name == ParameterSetMap.AllSets && names.Count > 1)
            {
                continue;
            }

            var members = new List<HelpParameter>();
            foreach (ParameterSetMap map in parameters)
            {
                HelpParameter? member = map[name] ?? (map.IsOnlyAllSets ? map[ParameterSetMap.AllSets] : null);
                if (member is not null)
                {
                    members.Add(member);
                }
            }

            // platyPS sorts with the culture's string order; for "0".."9" against "Named" that is the
            // ordinal order too (digits before letters). OrderBy is stable, as platyPS relies on.
            syntaxes.Add(members.OrderBy(p => p.Position, StringComparer.Ordinal).ToList());
        }

        return syntaxes;
    }
}
