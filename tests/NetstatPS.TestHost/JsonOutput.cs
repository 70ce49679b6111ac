using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetstatPS.TestHost;

/// <summary>How every subcommand prints objects: one JSON document on stdout, enums as names.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));
}
