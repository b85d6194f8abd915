package pattern

import "encoding/json"

// dialect is the grammar a policy is written in. SNS filter policies and
// EventBridge event patterns share their structure, their operators'
// meaning and the engine that runs them; the dialect decides which
// operators exist, which limits apply and how a refusal is worded.
type dialect uint8

const (
	dialectSNS dialect = iota
	dialectEventBridge
)

// maxAlternatives is how many alternatives the expansion of $or may reach
// before the policy is refused with tooManyAlternatives. For SNS the
// finer count of [complexity] applies afterwards; each alternative counts
// at least one towards it.
func (d dialect) maxAlternatives() int {
	if d == dialectEventBridge {
		return maxEventPatternAlternatives
	}
	return maxCombinations
}

func (d dialect) tooManyAlternatives() error {
	if d == dialectEventBridge {
		return errTooManyAlternatives
	}
	return errTooComplex
}

// number reads a number in a policy. SNS takes -1e9 to 1e9; EventBridge
// (event-ruler since 1.8) any double, and a literal beyond the doubles
// stands for infinity, as Java's parser reads it.
func (d dialect) number(n json.Number) (float64, error) {
	if d == dialectEventBridge {
		v, ok := numberValue(n.String())
		if !ok {
			return 0, reject("Match value must be String, number, true, false, or null")
		}
		return v.num, nil
	}
	f, ok := jsonNumber(n)
	if !ok || f < -maxNumeric || f > maxNumeric {
		return 0, reject("Numeric value " + n.String() + " is out of range [-1.0E9, 1.0E9]")
	}
	return f, nil
}

// emptyMatchExpression words the refusal of {} in a value array: SNS's
// "Empty objects are not allowed", Ruler's streaming parser "Match
// expression name not found".
func (d dialect) emptyMatchExpression() error {
	if d == dialectEventBridge {
		return reject("Match expression name not found")
	}
	return reject("Empty objects are not allowed")
}

// orItemNotObject words the refusal of a $or element that is not an
// object.
func (d dialect) orItemNotObject() error {
	if d == dialectEventBridge {
		return reject("Only JSON object is allowed in array of $or relationship.")
	}
	return errFewOrBranches
}

var errFewOrBranches = reject("There must have at least 2 Objects in $or relationship.")
