using ConvGen.Model;
using ConvGen.Planning;

namespace ConvGen.Emitting;

/// <summary>What every kernel emitter needs to know about the layer, in the names the kernels use.</summary>
internal sealed class KernelContext
{
    public KernelContext(LayerModel model)
    {
        Layer = model.Layer;
        ForwardOnly = model.ForwardOnly;
        Spec = model.Spec;
        Target = model.Target;
        Geometry = new Geometry(model.Spec);
        Plan = new Plan(Geometry, sliced: model.Layer.Rank == 3);
        Simd = Plan.Kernels == Strategy.Unrolled || Plan.Dense ? null : new SimdPlan(Geometry);
        Members = MemberPlan.Build(Geometry, Plan, Simd);
        Packed = PackedPlan.Of(Geometry, Plan, Simd, sliced: model.Layer.Rank == 3);
        T = Literals.TypeName(Spec.Element);
        Zero = Literals.Zero(Spec.Element);
    }

    /// <summary>The declared layer, on its own axes: the public members, constants and docs read it.</summary>
    public Layer Layer { get; }

    /// <summary>The planar layer the kernels run on (<see cref="Model.Layer.Planar"/>).</summary>
    public LayerSpec Spec { get; }

    public TypeTarget Target { get; }

    /// <summary>Only Forward is generated (a step of an imported network); a 3-D layer keeps every planar kernel.</summary>
    public bool ForwardOnly { get; }

    /// <summary>A 3-D layer runs the planar kernels once per depth slice, through <see cref="Names.SlicesClass"/>.</summary>
    public bool Sliced => Layer.Rank == 3;

    /// <summary>The class whose per-sample methods the public members call.</summary>
    public string PerSample => Sliced ? Names.SlicesClass : Names.KernelsClass;

    /// <summary>M of the declared layer: OutputLength·InputLength elements, and whether ToMatrix is generated.</summary>
    public long MatrixLength => Plan.MatrixLengthOf(Layer);

    public bool HasMatrix => Plan.HasMatrixOf(Layer);

    /// <summary>Whether the planar kernels include ToMatrix (a sliced layer builds M itself).</summary>
    public bool PlanarMatrix => !Sliced && Plan.HasMatrix;

    /// <summary>"new " where a base type already has a member of that name (CS0108 otherwise).</summary>
    public string New(string member) => LayerEmitter.New(Target, member);
    public Geometry Geometry { get; }
    public Plan Plan { get; }

    /// <summary>The vector layout of a looped layer (null for straight-line code).</summary>
    public SimdPlan? Simd { get; }

    /// <summary>Forward on packed weights (ForwardPacked), where its kernels beat the row kernels (null elsewhere).</summary>
    public PackedPlan? Packed { get; }

    /// <summary>Each member's code, decided once (<see cref="MemberPlan"/>).</summary>
    public System.Collections.Generic.IReadOnlyList<MemberPlan> Members { get; }

    /// <summary>The plan of one member (ToMatrix: null where M does not fit an array).</summary>
    public MemberPlan? Of(Member member) => System.Linq.Enumerable.FirstOrDefault(Members, m => m.Member == member);

    /// <summary>The element type's keyword.</summary>
    public string T { get; }

    public string Zero { get; }

    public bool ConstantWeights => Spec.Weights is not null;

    /// <summary>
    /// Straight-line Forward and Transpose kernels of tiny layers take the whole batch: the weights (and bias) are
    /// read into locals once and stay in registers across the samples.
    /// </summary>
    public bool BatchedKernels => !Sliced && Plan.Kernels == Planning.Strategy.Unrolled && !ConstantWeights &&
                                  Geometry.WeightsLength + Geometry.BiasLength <= 24 && Plan.Macs <= Planning.Plan.AutoUnrollBudget;

    /// <summary>Dense matrix kernels (<see cref="Planning.Plan.Dense"/>), whose Forward takes the whole batch.</summary>
    public bool Dense => Plan.Dense;

    /// <summary>
    /// Whether Forward's vector kernels take an output-row range, so the parallel overload can split one sample
    /// (a planar [Conv2D]/[Conv1D] with vector kernels and more than one output row; not a network's step).
    /// </summary>
    public bool SplitsRows => !Sliced && !ForwardOnly && !Dense && Plan.Kernels != Planning.Strategy.Unrolled && Geometry.IsConv &&
                              Geometry.DestH > 1 && Simd is not null && (Of(Planning.Member.Forward)?.Widths.Count ?? 0) > 0;

    /// <summary>Whether the public Forward hands the whole batch to one kernel call.</summary>
    public bool BatchedForward => BatchedKernels || Dense;

    /// <summary>The expression that reads weight <paramref name="index"/> in looped code.</summary>
    public string WeightsSpan => ConstantWeights ? "ConstantWeights" : "w";

    public string Real(double value) => Literals.Real(value, Spec.Element);

    /// <summary>Forward's activation applied to a scalar expression.</summary>
    public string Activate(string expression) => ActivationCode.Scalar(Spec.Activation, expression, Spec.Element);

    /// <summary>Formats a flat index of a C×H×W tensor as a comment, e.g. "y[1, 0, 2]".</summary>
    public static string Element(string name, int index, int height, int width)
    {
        var plane = height * width;
        return $"{name}[{index / plane}, {index % plane / width}, {index % width}]";
    }
}
