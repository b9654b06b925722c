using ConvGen.Model;

namespace ConvGen.Planning;

internal enum Strategy
{
    /// <summary>Straight-line code: one expression per destination element, every index a constant.</summary>
    Unrolled,

    /// <summary>Loops over destination positions with the kernel window unrolled; borders through row/column maps.</summary>
    Looped,
}

/// <summary>Which code each member gets, and the budget behind the choice.</summary>
internal sealed class Plan
{
    /// <summary>Unroll = Auto unrolls a layer whose members need at most this many multiply-adds per sample
    /// (straight-line code wins up to ~1–1.5k multiply-adds, then overflows the instruction cache).</summary>
    public const int AutoUnrollBudget = 1024;

    /// <summary>Unroll = Full straight-lines layers up to this many multiply-adds per sample and member; above it
    /// the generator warns (CONV100) and emits the looped kernel, so no source file grows without bound.</summary>
    public const int FullUnrollBudget = 4096;

    /// <summary>Estimated IL instructions per generated method: well under the JIT's 20,000-instruction limit
    /// above which it compiles the method without optimization.</summary>
    public const int MethodIlBudget = 12000;

    /// <param name="geometry">The planar layer.</param>
    /// <param name="sliced">A 3-D layer's depth slice: its kernels run once per slice, so never the dense batch kernels.</param>
    public Plan(Geometry geometry, bool sliced = false)
    {
        Geometry = geometry;
        Macs = geometry.MacsPerSample();
        var budget = geometry.Spec.Unroll == UnrollMode.Full ? FullUnrollBudget : AutoUnrollBudget;
        // Straight-line code writes every element of each member's destination (and ToMatrix's non-zeros), so the
        // element counts bound it too: a transposed layer with a huge stride has few multiply-adds but many outputs.
        var elements = System.Math.Max(geometry.InputLength, geometry.OutputLength);
        Kernels = Macs <= budget && elements <= 2 * budget ? Strategy.Unrolled : Strategy.Looped;
        FullOverBudget = geometry.Spec.Unroll == UnrollMode.Full && Kernels != Strategy.Unrolled;
        Dense = Kernels == Strategy.Looped && !sliced && geometry.IsDense && geometry.Spec.Weights is null;
        MatrixLength = MatrixLengthOf(geometry);
        HasMatrix = MatrixLength <= MaxMatrixLength;
    }

    /// <summary>ToMatrix is generated when M fits one array: Array.MaxLength elements.</summary>
    public const long MaxMatrixLength = 2_147_483_591L;

    public static long MatrixLengthOf(Geometry geometry) => (long)geometry.OutputLength * geometry.InputLength;

    /// <summary>M of the declared layer: OutputLength × InputLength (for a 3-D layer, not its planar slice's).</summary>
    public static long MatrixLengthOf(Layer layer) => (long)layer.OutputLength * layer.InputLength;

    public static bool HasMatrixOf(Layer layer) => MatrixLengthOf(layer) <= MaxMatrixLength;

    public Geometry Geometry { get; }

    /// <summary>Multiply-adds per sample of Forward, Transpose and WeightsGradient alike.</summary>
    public long Macs { get; }

    public Strategy Kernels { get; }

    /// <summary>Looped code of a dense layer with run-time weights (<see cref="Geometry.IsDense"/>): the matrix kernels of
    /// <c>DenseKernels</c> instead of the convolution's. Constant weights keep the convolution's code, which skips zero
    /// weights (a zero constant weight contributes nothing, not NaN, where the input is infinite).</summary>
    public bool Dense { get; }

    public bool FullOverBudget { get; }

    public long MatrixLength { get; }

    public bool HasMatrix { get; }
}
