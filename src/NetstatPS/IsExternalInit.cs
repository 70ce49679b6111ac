namespace System.Runtime.CompilerServices;

/// <summary>Lets netstandard2.0 use init-only setters (the type ships only with .NET 5+).</summary>
internal static class IsExternalInit
{
}
