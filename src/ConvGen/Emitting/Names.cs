namespace ConvGen.Emitting;

internal static class Names
{
    /// <summary>The private nested class that holds a layer's kernels and tables.</summary>
    public const string KernelsClass = "ConvGenKernels";

    /// <summary>The private nested class of a 3-D layer that runs the planar kernels once per depth slice.</summary>
    public const string SlicesClass = "ConvGenSlices";

    /// <summary>The private nested class of a layer or network whose parallel Forward overload keeps a call's operands.</summary>
    public const string ForwardJobClass = "ConvGenForwardJob";

    /// <summary>The shared argument checks, emitted once per compilation.</summary>
    public const string Guard = "global::ConvGen.ConvGenGuard";

    public const string ReadOnlySpan = "global::System.ReadOnlySpan";
    public const string Span = "global::System.Span";
}
