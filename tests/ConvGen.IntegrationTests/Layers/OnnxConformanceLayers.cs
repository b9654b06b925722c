// Written by tests/fixtures/make_onnx_fixtures.py together with Fixtures/Onnx/*.json: edit the script,
// not this file. One layer per ONNX conformance case (libonnx-testdata).

using System.Collections.Generic;

namespace ConvGen.IntegrationTests.Fixtures;

[Conv2D(1, 5, 5, 1, 3, 3, Stride = 2, AutoPad = ConvAutoPad.SameLower)]
public static partial class Onnx_test_conv_with_autopad_same;

[Conv2D(1, 7, 5, 1, 3, 3, Stride = 2, PaddingTop = 1, PaddingBottom = 1, PaddingLeft = 0, PaddingRight = 0)]
public static partial class Onnx_test_conv_with_strides_and_asymmetric_padding;

[Conv2D(1, 7, 5, 1, 3, 3, Stride = 2)]
public static partial class Onnx_test_conv_with_strides_no_padding;

[Conv2D(1, 7, 5, 1, 3, 3, Stride = 2, PaddingTop = 1, PaddingBottom = 1, PaddingLeft = 1, PaddingRight = 1)]
public static partial class Onnx_test_conv_with_strides_padding;

[ConvTranspose2D(1, 3, 3, 2, 3, 3)]
public static partial class Onnx_test_convtranspose;

[ConvTranspose1D(1, 3, 2, 3)]
public static partial class Onnx_test_convtranspose_1d;

[ConvTranspose3D(1, 3, 4, 5, 2, 3, 3, 3)]
public static partial class Onnx_test_convtranspose_3d;

[ConvTranspose2D(1, 3, 3, 2, 3, 3, Stride = 2, AutoPad = ConvAutoPad.SameUpper)]
public static partial class Onnx_test_convtranspose_autopad_same;

[ConvTranspose2D(1, 3, 3, 1, 2, 2, Dilation = 2)]
public static partial class Onnx_test_convtranspose_dilations;

[ConvTranspose2D(1, 3, 3, 2, 3, 3, StrideH = 3, StrideW = 2, OutputPadding = 1)]
public static partial class Onnx_test_convtranspose_kernel_shape;

[ConvTranspose2D(1, 3, 3, 2, 3, 3, StrideH = 3, StrideW = 2, OutputPadding = 1)]
public static partial class Onnx_test_convtranspose_output_shape;

[ConvTranspose2D(1, 3, 3, 2, 3, 3, StrideH = 3, StrideW = 2, OutputPadding = 1)]
public static partial class Onnx_test_convtranspose_pad;

[ConvTranspose2D(1, 3, 3, 2, 3, 3, StrideH = 3, StrideW = 2, PaddingTop = 1, PaddingBottom = 1, PaddingLeft = 2, PaddingRight = 2)]
public static partial class Onnx_test_convtranspose_pads;

[ConvTranspose2D(1, 3, 3, 2, 3, 3, StrideH = 3, StrideW = 2, OutputPadding = 1)]
public static partial class Onnx_test_convtranspose_with_kernel;

[Conv1D(4, 10, 5, 3, Bias = true)]
public static partial class Onnx_test_Conv1d;

[Conv1D(4, 10, 5, 3, Dilation = 2, Bias = true)]
public static partial class Onnx_test_Conv1d_dilated;

[Conv1D(4, 6, 6, 3, Groups = 2, Bias = true)]
public static partial class Onnx_test_Conv1d_groups;

[Conv1D(4, 10, 5, 3, PaddingLeft = 1, PaddingRight = 1, Bias = true)]
public static partial class Onnx_test_Conv1d_pad1;

[Conv1D(4, 1, 4, 3, PaddingLeft = 1, PaddingRight = 1, Bias = true)]
public static partial class Onnx_test_Conv1d_pad1size1;

[Conv1D(4, 10, 5, 5, PaddingLeft = 2, PaddingRight = 2, Bias = true)]
public static partial class Onnx_test_Conv1d_pad2;

[Conv1D(4, 1, 4, 5, PaddingLeft = 2, PaddingRight = 2, Bias = true)]
public static partial class Onnx_test_Conv1d_pad2size1;

[Conv1D(4, 10, 5, 3, Stride = 2, Bias = true)]
public static partial class Onnx_test_Conv1d_stride;

[Conv3D(3, 3, 4, 5, 4, 2, 3, 4, Bias = true)]
public static partial class Onnx_test_Conv3d;

[Conv3D(3, 5, 5, 5, 4, 2, 2, 2, Dilation = 2, Bias = true)]
public static partial class Onnx_test_Conv3d_dilated;

[Conv3D(3, 5, 5, 5, 4, 2, 2, 2, Stride = 2, Dilation = 2, Bias = true)]
public static partial class Onnx_test_Conv3d_dilated_strided;

[Conv3D(4, 4, 5, 4, 6, 3, 3, 3, Groups = 2, Bias = true)]
public static partial class Onnx_test_Conv3d_groups;

[Conv3D(3, 3, 4, 5, 4, 2, 3, 4)]
public static partial class Onnx_test_Conv3d_no_bias;

[Conv3D(3, 5, 5, 5, 4, 2, 2, 2, Stride = 2, Bias = true)]
public static partial class Onnx_test_Conv3d_stride;

[Conv3D(3, 5, 5, 5, 4, 2, 2, 2, Stride = 2, PaddingFront = 1, PaddingBack = 1, PaddingTop = 1, PaddingBottom = 1, PaddingLeft = 1, PaddingRight = 1, Bias = true)]
public static partial class Onnx_test_Conv3d_stride_padding;

[ConvTranspose2D(3, 7, 6, 4, 3, 3, StrideH = 3, StrideW = 2, PaddingTop = 1, PaddingBottom = 1, PaddingLeft = 1, PaddingRight = 1, OutputPadding = 1, Bias = true)]
public static partial class Onnx_test_ConvTranspose2d;

[ConvTranspose2D(3, 6, 7, 4, 3, 3, StrideH = 2, StrideW = 3, PaddingTop = 1, PaddingBottom = 1, PaddingLeft = 1, PaddingRight = 1, OutputPadding = 1)]
public static partial class Onnx_test_ConvTranspose2d_no_bias;

/// <summary>The ONNX conformance layers, one per Fixtures/Onnx/*.json.</summary>
internal static class OnnxConformanceLayers
{
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        "test_conv_with_autopad_same",
        "test_conv_with_strides_and_asymmetric_padding",
        "test_conv_with_strides_no_padding",
        "test_conv_with_strides_padding",
        "test_convtranspose",
        "test_convtranspose_1d",
        "test_convtranspose_3d",
        "test_convtranspose_autopad_same",
        "test_convtranspose_dilations",
        "test_convtranspose_kernel_shape",
        "test_convtranspose_output_shape",
        "test_convtranspose_pad",
        "test_convtranspose_pads",
        "test_convtranspose_with_kernel",
        "test_Conv1d",
        "test_Conv1d_dilated",
        "test_Conv1d_groups",
        "test_Conv1d_pad1",
        "test_Conv1d_pad1size1",
        "test_Conv1d_pad2",
        "test_Conv1d_pad2size1",
        "test_Conv1d_stride",
        "test_Conv3d",
        "test_Conv3d_dilated",
        "test_Conv3d_dilated_strided",
        "test_Conv3d_groups",
        "test_Conv3d_no_bias",
        "test_Conv3d_stride",
        "test_Conv3d_stride_padding",
        "test_ConvTranspose2d",
        "test_ConvTranspose2d_no_bias",
    };
}
