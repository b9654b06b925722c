namespace ConvGen.IntegrationTests.OnnxModels;

// Models exported from PyTorch 1.13 by tests/fixtures/make_onnx_models.py (opset 13, symbolic batch axis). The plain
// files have BatchNorm already merged into the convolutions by the exporter; the *_bn files keep the BatchNormalization
// nodes (training=PRESERVE), so ConvGen folds them itself. Their reference outputs (<name>.json) are the same.

[OnnxModel("Models/digits.onnx")]
public static partial class DigitsModel;

[OnnxModel("Models/resnet_block.onnx")]
public static partial class ResNetBlock;

[OnnxModel("Models/resnet_block_bn.onnx")]
public static partial class ResNetBlockBn;

[OnnxModel("Models/mobilenet_v2.onnx")]
public static partial class MobileNetV2;

[OnnxModel("Models/mobilenet_v2_bn.onnx")]
public static partial class MobileNetV2Bn;

[OnnxModel("Models/effnet_block.onnx")]
public static partial class EffNetBlock;

[OnnxModel("Models/effnet_block_bn.onnx")]
public static partial class EffNetBlockBn;

[OnnxModel("Models/kws1d.onnx")]
public static partial class Kws1D;

[OnnxModel("Models/kws1d_bn.onnx")]
public static partial class Kws1DBn;

// The bare file name works where it is unique among the project's .onnx items.
[OnnxModel("unet_small.onnx")]
public partial struct UNetSmall;

// Hand-built at opsets 18, 19 and 21 by tests/fixtures/make_onnx_opset_models.py (checked against ONNX Runtime only).

[OnnxModel("Models/opset18.onnx")]
public static partial class Opset18;

[OnnxModel("Models/opset19.onnx")]
public static partial class Opset19;

[OnnxModel("Models/opset21.onnx")]
public static partial class Opset21;
