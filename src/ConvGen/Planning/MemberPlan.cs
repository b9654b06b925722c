using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;

namespace ConvGen.Planning;

/// <summary>The members whose per-sample kernels the plan decides.</summary>
internal enum Member
{
    Forward,
    Transpose,
    WeightsGradient,
    ToMatrix,
}

/// <summary>Which way a kernel walks the index map: gather (each destination element sums its taps), scatter (each
/// source element spreads over the destination), the weights gradient, or the dense matrix.</summary>
internal enum Direction
{
    Gather,
    Scatter,
    Gradient,
    Matrix,
}

/// <summary>
/// One member's code, decided once: its direction, straight-line or looped, the vector widths it gets (empty: scalar
/// loops only) and, when it gets none, why. The kernel emitter and the member's XML docs both read it, so the docs
/// describe the code that is emitted.
/// </summary>
internal sealed class MemberPlan
{
    private MemberPlan(Member member, Direction direction, Strategy kernels, IReadOnlyList<SimdWidth> widths, string? scalarReason)
    {
        Member = member;
        Direction = direction;
        Kernels = kernels;
        Widths = widths;
        ScalarReason = scalarReason;
    }

    public Member Member { get; }

    public Direction Direction { get; }

    public Strategy Kernels { get; }

    /// <summary>The vector widths with a kernel, widest first; empty for straight-line code and scalar loops.</summary>
    public IReadOnlyList<SimdWidth> Widths { get; }

    /// <summary>Why a looped member has no vector kernel (null where it has one, or is straight-line).</summary>
    public string? ScalarReason { get; }

    /// <summary>The four members' plans for a planar layer (ToMatrix only where M fits an array).</summary>
    public static IReadOnlyList<MemberPlan> Build(Geometry g, Plan plan, SimdPlan? simd)
    {
        var forward = g.IsConv ? Direction.Gather : Direction.Scatter;
        var transpose = g.IsConv ? Direction.Scatter : Direction.Gather;
        var members = new List<MemberPlan>
        {
            Of(Member.Forward, forward, plan, simd),
            Of(Member.Transpose, transpose, plan, simd),
            Of(Member.WeightsGradient, Direction.Gradient, plan, simd),
        };
        if (plan.HasMatrix) members.Add(new MemberPlan(Member.ToMatrix, Direction.Matrix, plan.Kernels, new SimdWidth[0], null));
        return members;
    }

    private static MemberPlan Of(Member member, Direction direction, Plan plan, SimdPlan? simd)
    {
        if (plan.Kernels == Strategy.Unrolled || simd is null || plan.Dense)
            return new MemberPlan(member, direction, plan.Kernels, new SimdWidth[0], null);
        var widths = direction switch
        {
            Direction.Gather => simd.GatherWidths,
            Direction.Scatter => simd.ScatterWidths,
            _ => simd.GradientWidths,
        };
        return new MemberPlan(member, direction, plan.Kernels, widths, widths.Count > 0 ? null : Reason(direction, simd));
    }

    private static string Reason(Direction direction, SimdPlan simd)
    {
        var budget = $"{SimdPlan.MaxScratchBytes / 1024} KiB";
        if (simd.Widths.Count == 0) return "the output rows are narrower than a vector";
        return direction switch
        {
            Direction.Gather => $"its padded source rows would exceed the {budget} stack scratch",
            Direction.Scatter when !simd.ScatterFits => $"its padded rows and destination rows would exceed the {budget} stack scratch",
            Direction.Scatter => $"its unrolled taps (every kernel column) would exceed the IL budget of {SimdPlan.TapIlBudget} instructions at every width",
            _ => $"one padded source channel would exceed the {budget} stack scratch",
        };
    }
}
