// Written by tests/fixtures/make_fixtures_nd.py together with Fixtures/ND/*.json: edit the script,
// not this file.

using System.Collections.Generic;

namespace ConvGen.IntegrationTests.Fixtures;

[Conv1D(2, 7, 3, 3, ElementType = typeof(double))]
public static partial class FxN_conv1d_basic;

[Conv1D(4, 13, 6, 3, Stride = 2, Dilation = 2, Groups = 2, Padding = 1, Bias = true, ElementType = typeof(double))]
public static partial class FxN_conv1d_stride_dil_groups;

[Conv1D(3, 9, 3, 3, Groups = 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu, ElementType = typeof(double))]
public static partial class FxN_conv1d_depthwise;

[Conv1D(2, 8, 2, 3, Padding = 2, PaddingMode = ConvPaddingMode.Reflect, ElementType = typeof(double))]
public static partial class FxN_conv1d_reflect;

[Conv1D(2, 4, 2, 3, Padding = 3, PaddingMode = ConvPaddingMode.Reflect, ElementType = typeof(double))]
public static partial class FxN_conv1d_reflect_edge;

[Conv1D(1, 6, 2, 2, Padding = 2, PaddingMode = ConvPaddingMode.Replicate, Stride = 2, ElementType = typeof(double))]
public static partial class FxN_conv1d_replicate;

[Conv1D(2, 6, 1, 3, Padding = 2, PaddingMode = ConvPaddingMode.Circular, Dilation = 2, ElementType = typeof(double))]
public static partial class FxN_conv1d_circular;

[Conv1D(1, 3, 2, 3, Padding = 3, PaddingMode = ConvPaddingMode.Circular, ElementType = typeof(double))]
public static partial class FxN_conv1d_circular_full;

[Conv1D(2, 7, 2, 3, PaddingLeft = 2, PaddingRight = 0, ElementType = typeof(double))]
public static partial class FxN_conv1d_asym;

[Conv1D(1, 9, 2, 4, Stride = 2, AutoPad = ConvAutoPad.SameUpper, ElementType = typeof(double))]
public static partial class FxN_conv1d_same_upper;

[Conv1D(2, 8, 1, 3, Stride = 2, Dilation = 2, AutoPad = ConvAutoPad.SameLower, ElementType = typeof(double))]
public static partial class FxN_conv1d_same_lower;

[Conv1D(2, 8, 3, 1, Stride = 2, AutoPad = ConvAutoPad.SameUpper, ElementType = typeof(double))]
public static partial class FxN_conv1d_same_upper_k1;

[Conv1D(2, 7, 2, 3, Stride = 2, AutoPad = ConvAutoPad.SameLower, PaddingMode = ConvPaddingMode.Reflect, ElementType = typeof(double))]
public static partial class FxN_conv1d_autopad_reflect;

[Conv1D(2, 6, 2, 3, Flip = true, Bias = true, ElementType = typeof(double))]
public static partial class FxN_conv1d_flip;

[Conv1D(3, 10, 4, 3, Padding = 1, Bias = true)]
public static partial class FxN_conv1d_float;

[ConvTranspose1D(2, 4, 3, 3, Stride = 2, Padding = 1, OutputPadding = 1, ElementType = typeof(double))]
public static partial class FxN_convT1d_basic;

[ConvTranspose1D(4, 5, 2, 3, Dilation = 2, Groups = 2, Bias = true, ElementType = typeof(double))]
public static partial class FxN_convT1d_groups_dil;

[ConvTranspose1D(3, 5, 2, 4, Stride = 2, Padding = 1, Bias = true, Activation = ConvActivation.Relu, ElementType = typeof(double))]
public static partial class FxN_convT1d_upsample;

[ConvTranspose1D(1, 4, 2, 3, Stride = 2, AutoPad = ConvAutoPad.SameUpper, ElementType = typeof(double))]
public static partial class FxN_convT1d_same_upper;

[ConvTranspose1D(2, 3, 2, 4, Stride = 2, OutputPadding = 1, AutoPad = ConvAutoPad.SameLower, ElementType = typeof(double))]
public static partial class FxN_convT1d_same_lower;

[ConvTranspose1D(2, 4, 2, 3, Stride = 2, PaddingLeft = 2, PaddingRight = 0, ElementType = typeof(double))]
public static partial class FxN_convT1d_asym;

[ConvTranspose1D(1, 4, 2, 3, Stride = 3, Flip = true, Bias = true, ElementType = typeof(double))]
public static partial class FxN_convT1d_flip;

[Conv3D(2, 3, 4, 5, 2, 2, 3, 3, ElementType = typeof(double))]
public static partial class FxN_conv3d_basic;

[Conv3D(4, 3, 4, 5, 2, 2, 2, 3, StrideT = 2, StrideH = 1, StrideW = 2, DilationT = 1, DilationH = 2, DilationW = 1, Groups = 2, PaddingT = 1, PaddingH = 0, PaddingW = 1, Bias = true, ElementType = typeof(double))]
public static partial class FxN_conv3d_stride_dil_groups;

[Conv3D(3, 2, 3, 4, 3, 3, 3, 3, Groups = 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu, ElementType = typeof(double))]
public static partial class FxN_conv3d_depthwise;

[Conv3D(2, 3, 4, 3, 2, 2, 3, 2, PaddingT = 1, PaddingH = 2, PaddingW = 1, PaddingMode = ConvPaddingMode.Reflect, ElementType = typeof(double))]
public static partial class FxN_conv3d_reflect;

[Conv3D(1, 2, 3, 4, 2, 2, 3, 3, PaddingT = 1, PaddingH = 2, PaddingW = 3, PaddingMode = ConvPaddingMode.Reflect, ElementType = typeof(double))]
public static partial class FxN_conv3d_reflect_edge;

[Conv3D(1, 3, 4, 4, 2, 2, 2, 3, Padding = 2, PaddingMode = ConvPaddingMode.Replicate, Stride = 2, ElementType = typeof(double))]
public static partial class FxN_conv3d_replicate;

[Conv3D(2, 3, 3, 4, 1, 2, 3, 3, PaddingT = 1, PaddingH = 1, PaddingW = 2, PaddingMode = ConvPaddingMode.Circular, DilationW = 2, ElementType = typeof(double))]
public static partial class FxN_conv3d_circular;

[Conv3D(1, 2, 3, 2, 1, 2, 3, 3, PaddingT = 2, PaddingH = 3, PaddingW = 2, PaddingMode = ConvPaddingMode.Circular, ElementType = typeof(double))]
public static partial class FxN_conv3d_circular_full;

[Conv3D(2, 3, 4, 4, 2, 2, 3, 3, PaddingT = 1, PaddingTop = 0, PaddingBottom = 2, PaddingLeft = 1, PaddingRight = 0, ElementType = typeof(double))]
public static partial class FxN_conv3d_asym;

[Conv3D(1, 5, 5, 6, 2, 3, 4, 3, Stride = 2, AutoPad = ConvAutoPad.SameUpper, ElementType = typeof(double))]
public static partial class FxN_conv3d_same_upper;

[Conv3D(2, 4, 5, 5, 1, 2, 3, 2, StrideT = 1, StrideH = 2, StrideW = 2, AutoPad = ConvAutoPad.SameLower, ElementType = typeof(double))]
public static partial class FxN_conv3d_same_lower;

[Conv3D(2, 4, 4, 6, 3, 1, 1, 1, Stride = 2, AutoPad = ConvAutoPad.SameUpper, ElementType = typeof(double))]
public static partial class FxN_conv3d_same_upper_k1;

[Conv3D(1, 4, 5, 6, 2, 2, 3, 2, Stride = 2, DilationW = 2, AutoPad = ConvAutoPad.SameUpper, PaddingMode = ConvPaddingMode.Reflect, ElementType = typeof(double))]
public static partial class FxN_conv3d_autopad_reflect;

[Conv3D(1, 3, 4, 4, 2, 2, 3, 3, Flip = true, ElementType = typeof(double))]
public static partial class FxN_conv3d_flip;

[Conv3D(2, 3, 3, 4, 2, 2, 3, 3, Padding = 1, Bias = true)]
public static partial class FxN_conv3d_float;

[ConvTranspose3D(2, 2, 3, 3, 2, 2, 3, 3, Stride = 2, Padding = 1, OutputPadding = 1, ElementType = typeof(double))]
public static partial class FxN_convT3d_basic;

[ConvTranspose3D(4, 2, 2, 2, 2, 2, 2, 3, Dilation = 2, Groups = 2, Bias = true, ElementType = typeof(double))]
public static partial class FxN_convT3d_groups_dil;

[ConvTranspose3D(2, 2, 2, 3, 2, 4, 4, 4, Stride = 2, Padding = 1, Bias = true, Activation = ConvActivation.Relu, ElementType = typeof(double))]
public static partial class FxN_convT3d_upsample;

[ConvTranspose3D(1, 2, 3, 2, 1, 3, 3, 2, Stride = 2, AutoPad = ConvAutoPad.SameUpper, ElementType = typeof(double))]
public static partial class FxN_convT3d_same_upper;

[ConvTranspose3D(2, 2, 2, 3, 1, 3, 4, 3, Stride = 2, OutputPaddingH = 1, AutoPad = ConvAutoPad.SameLower, ElementType = typeof(double))]
public static partial class FxN_convT3d_same_lower;

[ConvTranspose3D(2, 2, 3, 3, 2, 2, 3, 3, Stride = 2, PaddingFront = 1, PaddingBack = 0, PaddingTop = 0, PaddingBottom = 1, PaddingLeft = 2, PaddingRight = 0, ElementType = typeof(double))]
public static partial class FxN_convT3d_asym;

[ConvTranspose3D(1, 2, 3, 3, 2, 2, 2, 3, StrideT = 1, StrideH = 2, StrideW = 1, Flip = true, Bias = true, ElementType = typeof(double))]
public static partial class FxN_convT3d_flip;

[ConvTranspose3D(2, 2, 2, 3, 2, 3, 3, 3, Stride = 2, Padding = 1, OutputPaddingW = 1, Bias = true)]
public static partial class FxN_convT3d_float;

/// <summary>The 1-D and 3-D fixture layers, one per Fixtures/ND/*.json.</summary>
internal static class FixtureLayersNd
{
    public static IReadOnlyList<string> NdNames { get; } = new[]
    {
        "conv1d_basic",
        "conv1d_stride_dil_groups",
        "conv1d_depthwise",
        "conv1d_reflect",
        "conv1d_reflect_edge",
        "conv1d_replicate",
        "conv1d_circular",
        "conv1d_circular_full",
        "conv1d_asym",
        "conv1d_same_upper",
        "conv1d_same_lower",
        "conv1d_same_upper_k1",
        "conv1d_autopad_reflect",
        "conv1d_flip",
        "conv1d_float",
        "convT1d_basic",
        "convT1d_groups_dil",
        "convT1d_upsample",
        "convT1d_same_upper",
        "convT1d_same_lower",
        "convT1d_asym",
        "convT1d_flip",
        "conv3d_basic",
        "conv3d_stride_dil_groups",
        "conv3d_depthwise",
        "conv3d_reflect",
        "conv3d_reflect_edge",
        "conv3d_replicate",
        "conv3d_circular",
        "conv3d_circular_full",
        "conv3d_asym",
        "conv3d_same_upper",
        "conv3d_same_lower",
        "conv3d_same_upper_k1",
        "conv3d_autopad_reflect",
        "conv3d_flip",
        "conv3d_float",
        "convT3d_basic",
        "convT3d_groups_dil",
        "convT3d_upsample",
        "convT3d_same_upper",
        "convT3d_same_lower",
        "convT3d_asym",
        "convT3d_flip",
        "convT3d_float",
    };
}
