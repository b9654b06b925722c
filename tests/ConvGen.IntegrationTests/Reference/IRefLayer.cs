using System.Collections.Generic;

namespace ConvGen.IntegrationTests;

/// <summary>
/// What the generic parts of <see cref="ReferenceConv"/> (Forward, M, Mᵀ, the gradients) need of a layer:
/// its lengths, its bias and activation, and its linear part for one sample. <see cref="LayerDef"/> (2-D)
/// and <see cref="NdDef"/> (1-D, 3-D) implement it with their own plain loops.
/// </summary>
public interface IRefLayer
{
    int InputLength { get; }

    int OutputLength { get; }

    int WeightsLength { get; }

    int BiasLength { get; }

    /// <summary>Output channels.</summary>
    int D { get; }

    /// <summary>Output elements per channel (the product of the output sizes).</summary>
    int OutputPlane { get; }

    bool Bias { get; }

    bool Relu { get; }

    /// <summary>The constants SPEC says the generated type declares, with their values.</summary>
    IReadOnlyList<(string Name, int Value)> Constants { get; }

    /// <summary>M·x for one sample (no bias, no activation).</summary>
    double[] ForwardLinear(double[] x, double[] w);
}
