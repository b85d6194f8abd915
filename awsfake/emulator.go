package awsfake

import (
	"encoding/json"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/switchyard/switchyard/clock"
)

// Emulator is an account on a clock that follows real time and can jump
// forward, with a small admin API beside the AWS one — what the
// switchyard binary serves, so that tests in any language can reset it and
// move its time:
//
//	GET  /_switchyard/health          200 {"status":"running","services":[…],…}
//	POST /_switchyard/reset           200: every resource gone, as at start
//	POST /_switchyard/clock/advance   {"seconds": N} → 200 {"time": …}
//
// Advancing the clock makes everything due in the skipped span happen, in
// order, before the reply: visibility timeouts expire, delays end,
// retention removes, deduplication windows close, retries run.
type Emulator struct {
	*Account
	clock *clock.Jump
}

// NewEmulator returns an emulator of the account cfg describes; cfg.Clock
// is ignored, the emulator has its own.
func NewEmulator(cfg Config) *Emulator {
	j := clock.NewJump()
	cfg.Clock = j
	return &Emulator{Account: New(cfg), clock: j}
}

// Clock returns the emulator's clock.
func (e *Emulator) Clock() *clock.Jump { return e.clock }

// adminPrefix is the path under which the admin API lives; no AWS request
// uses it.
const adminPrefix = "/_switchyard/"

// Handler serves the admin API under /_switchyard/ and the account's AWS
// API everywhere else.
func (e *Emulator) Handler() http.Handler {
	aws := e.Account.Handler()
	admin := http.NewServeMux()
	admin.HandleFunc("GET "+adminPrefix+"health", e.health)
	admin.HandleFunc("POST "+adminPrefix+"reset", e.reset)
	admin.HandleFunc("POST "+adminPrefix+"clock/advance", e.advance)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, adminPrefix) {
			admin.ServeHTTP(w, r)
			return
		}
		aws.ServeHTTP(w, r)
	})
}

// health answers GET /_switchyard/health.
func (e *Emulator) health(w http.ResponseWriter, _ *http.Request) {
	writeAdmin(w, http.StatusOK, map[string]any{
		"status":   "running",
		"services": e.Services(),
		"account":  e.ID(),
		"region":   e.Region(),
		"time":     e.clock.Now().UTC().Format(time.RFC3339Nano),
	})
}

// reset answers POST /_switchyard/reset.
func (e *Emulator) reset(w http.ResponseWriter, _ *http.Request) {
	e.Reset()
	writeAdmin(w, http.StatusOK, map[string]any{"status": "reset"})
}

// maxAdvance bounds one jump, so that a mistyped number cannot overflow
// the clock: a hundred years.
const maxAdvance = 100 * 365 * 24 * time.Hour

// advance answers POST /_switchyard/clock/advance with {"seconds": N}.
func (e *Emulator) advance(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Seconds *float64 `json:"seconds"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<10))
	if err := dec.Decode(&req); err != nil || req.Seconds == nil || dec.More() {
		writeAdmin(w, http.StatusBadRequest, map[string]any{"error": `the body must be a JSON object {"seconds": N}`})
		return
	}
	s := *req.Seconds
	if math.IsNaN(s) || s < 0 || s > maxAdvance.Seconds() {
		writeAdmin(w, http.StatusBadRequest, map[string]any{"error": "seconds must be between 0 and 3153600000"})
		return
	}
	if d := time.Duration(s * float64(time.Second)); e.clock.Offset() > math.MaxInt64-d {
		// The clock cannot go further than about 292 years past real
		// time; refuse rather than move less than asked.
		writeAdmin(w, http.StatusBadRequest, map[string]any{"error": "the clock cannot move that far: it is already " + e.clock.Offset().String() + " ahead of real time"})
		return
	}
	now := e.clock.Advance(time.Duration(s * float64(time.Second)))
	writeAdmin(w, http.StatusOK, map[string]any{
		"time":          now.UTC().Format(time.RFC3339Nano),
		"offsetSeconds": e.clock.Offset().Seconds(),
	})
}

func writeAdmin(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
