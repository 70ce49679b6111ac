using System;
using Xunit;

namespace NetstatPS.Core.Tests.TestLayers;

/// <summary>
/// A [Fact] of a layer that needs something from the machine: skipped with a how-to-enable message when
/// that is missing, run (and so failed) under CI=true. xunit 2 has no dynamic skip, so the decision is
/// made here, when discovery constructs the attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FactNeedingAttribute : FactAttribute
{
    /// <summary>Initializes the attribute and decides Skip.</summary>
    /// <param name="needs">What the test needs.</param>
    public FactNeedingAttribute(MachineNeed needs)
    {
        this.Needs = needs;
        this.Skip = TestLayer.SkipReason(needs);
    }

    /// <summary>What the test needs.</summary>
    public MachineNeed Needs { get; }
}
