using System;
using Xunit;

namespace NetstatPS.Core.Tests.TestLayers;

/// <summary>The [Theory] form of <see cref="FactNeedingAttribute"/>: the same skip-unless-CI rule.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class TheoryNeedingAttribute : TheoryAttribute
{
    /// <summary>Initializes the attribute and decides Skip.</summary>
    /// <param name="needs">What the test needs.</param>
    public TheoryNeedingAttribute(MachineNeed needs)
    {
        this.Needs = needs;
        this.Skip = TestLayer.SkipReason(needs);
    }

    /// <summary>What the test needs.</summary>
    public MachineNeed Needs { get; }
}
