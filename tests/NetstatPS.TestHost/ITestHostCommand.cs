namespace NetstatPS.TestHost;

/// <summary>One subcommand of nsps-testhost; implementations are found by reflection.</summary>
internal interface ITestHostCommand
{
    /// <summary>The word that selects it: <c>nsps-testhost NAME args…</c>.</summary>
    string Name { get; }

    /// <summary>Runs it; the return value is the exit code.</summary>
    int Run(string[] args);
}
