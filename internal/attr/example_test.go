package attr_test

import (
	"errors"
	"fmt"

	"github.com/switchyard/switchyard/internal/attr"
)

func Example() {
	attrs := map[string]attr.Value{
		"attribName1":            {DataType: "String", StringValue: "attribValue 1"},
		"customNumberTypeAttrib": {DataType: "Number.float", StringValue: "4563442423554324324264524243.32543234"},
		"binaryAttribute":        {DataType: "Binary", BinaryValue: []byte("Hello binary world!")},
	}
	if err := attr.Validate(attrs); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("size:", attr.Size(attrs))
	fmt.Println("MD5OfMessageBody:", attr.BodyMD5("foobar"))
	fmt.Println("MD5OfMessageAttributes:", attr.MD5(attrs))

	// A receive asking for one attribute gets it, with its own digest.
	one := attr.Select(attrs, []string{"attribName1"})
	fmt.Println("selected:", len(one), attr.MD5(one))

	err := attr.Validate(map[string]attr.Value{"AWS.trace": {DataType: "String", StringValue: "x"}})
	fmt.Println(errors.Is(err, attr.ErrInvalidParameterValue))
	fmt.Println(err)
	// Output:
	// size: 141
	// MD5OfMessageBody: 3858f62230ac3c915f300c664312c63f
	// MD5OfMessageAttributes: c932db14a896c663f83c260297d594ff
	// selected: 1 19e27d4e946b072f3f58da80d94fd778
	// true
	// InvalidParameterValue: You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.'.
}
