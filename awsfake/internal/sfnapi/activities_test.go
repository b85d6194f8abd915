package sfnapi_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// activityDef runs one Task on the activity "work", with the given extra
// Task fields, and catches nothing.
func activityDef(extra string) string {
	return `{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"` + actARN + `work"` + extra + `,"End":true}}}`
}

// poll calls GetActivityTask in its own goroutine and returns a channel
// that receives its reply.
func (f *fake) poll(ctx context.Context, activity string) <-chan reply {
	got := make(chan reply, 1)
	go func() { got <- f.raw(ctx, "GetActivityTask", `{"activityArn":"`+activity+`","workerName":"w1"}`) }()
	return got
}

func TestActivityRoundTrip(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		act := str(t, f.ok("CreateActivity", map[string]any{"name": "work"})["activityArn"])
		if act != actARN+"work" {
			t.Fatalf("activityArn %s", act)
		}
		arn := f.createMachine("m", activityDef(`,"Parameters":{"job.$":"$.job"}`), nil)

		// A worker is already waiting when the task is scheduled.
		start := time.Now()
		polled := f.poll(context.Background(), act)
		synctest.Wait()
		e := f.start(arn, map[string]any{"input": `{"job":7,"other":true}`})
		r := <-polled
		if r.status != http.StatusOK {
			t.Fatalf("GetActivityTask: %d %s", r.status, r.body)
		}
		task := r.json(t)
		if task["input"] != `{"job":7}` || task["taskToken"] == nil {
			t.Fatalf("task %v", task)
		}
		if waited := time.Since(start); waited != 0 {
			t.Errorf("the poll took %v of virtual time, want none: the task came at once", waited)
		}
		f.ok("SendTaskHeartbeat", map[string]any{"taskToken": task["taskToken"]})
		f.ok("SendTaskSuccess", map[string]any{"taskToken": task["taskToken"], "output": `{"done":7}`})
		synctest.Wait()
		if d := f.describe(e); d["status"] != "SUCCEEDED" || d["output"] != `{"done":7}` {
			t.Errorf("execution %v", d)
		}
		// The token's task has ended.
		f.fail("SendTaskSuccess", map[string]any{"taskToken": task["taskToken"], "output": "{}"},
			apiError{"TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist anymore'"})
		var types []string
		for _, ev := range f.historyOf(e, nil) {
			types = append(types, str(t, ev["type"]))
		}
		if got := strings.Join(types, " "); !strings.Contains(got, "ActivityScheduled ActivityStarted ActivitySucceeded") {
			t.Errorf("history %s", got)
		}

		// A worker that comes after the task finds it waiting.
		e2 := f.start(arn, map[string]any{"input": `{"job":8}`})
		synctest.Wait()
		task2 := (<-f.poll(context.Background(), act)).json(t)
		f.ok("SendTaskFailure", map[string]any{"taskToken": task2["taskToken"], "error": "Bad", "cause": "job 8"})
		synctest.Wait()
		if d := f.describe(e2); d["status"] != "FAILED" || d["error"] != "Bad" || d["cause"] != "job 8" {
			t.Errorf("execution %v", d)
		}
	})
}

func TestGetActivityTaskLongPoll(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		act := str(t, f.ok("CreateActivity", map[string]any{"name": "work"})["activityArn"])
		start := time.Now()
		r := <-f.poll(context.Background(), act)
		if waited := time.Since(start); waited != 60*time.Second {
			t.Errorf("an empty poll took %v, want 60s", waited)
		}
		if r.status != http.StatusOK || string(r.body) != "{}" {
			t.Errorf("empty poll = %d %s, want an empty reply", r.status, r.body)
		}

		// A poll ends with its request.
		ctx, cancel := context.WithCancel(context.Background())
		polled := f.poll(ctx, act)
		start = time.Now()
		time.Sleep(10 * time.Second)
		cancel()
		if r := <-polled; r.status != http.StatusOK || string(r.body) != "{}" || time.Since(start) != 10*time.Second {
			t.Errorf("cancelled poll = %d %s after %v", r.status, r.body, time.Since(start))
		}
	})
}

func TestActivityTimeoutsAndHeartbeats(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		act := str(t, f.ok("CreateActivity", map[string]any{"name": "work"})["activityArn"])

		// A task whose TimeoutSeconds passes: a late answer is TaskTimedOut.
		e := f.start(f.createMachine("timeout", activityDef(`,"TimeoutSeconds":30`), nil), nil)
		task := (<-f.poll(context.Background(), act)).json(t)
		time.Sleep(31 * time.Second)
		synctest.Wait()
		if d := f.describe(e); d["status"] != "FAILED" || d["error"] != "States.Timeout" {
			t.Errorf("timed-out execution %v", d)
		}
		f.fail("SendTaskSuccess", map[string]any{"taskToken": task["taskToken"], "output": "{}"}, apiError{"TaskTimedOut", ""})

		// A task with HeartbeatSeconds lives as long as its worker beats.
		hb := f.start(f.createMachine("heartbeat", activityDef(`,"HeartbeatSeconds":10`), nil), nil)
		task = (<-f.poll(context.Background(), act)).json(t)
		for range 3 {
			time.Sleep(8 * time.Second)
			f.ok("SendTaskHeartbeat", map[string]any{"taskToken": task["taskToken"]})
		}
		synctest.Wait()
		if st := f.describe(hb)["status"]; st != "RUNNING" {
			t.Fatalf("after 24 s of heartbeats the execution is %v", st)
		}
		time.Sleep(11 * time.Second)
		synctest.Wait()
		if d := f.describe(hb); d["status"] != "FAILED" || d["error"] != "States.Timeout" {
			t.Errorf("execution without heartbeats %v", d)
		}
		f.fail("SendTaskHeartbeat", map[string]any{"taskToken": task["taskToken"]}, apiError{"TaskTimedOut", ""})
	})
}

func TestActivityErrors(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		first := f.ok("CreateActivity", map[string]any{"name": "work"})
		if again := f.ok("CreateActivity", map[string]any{"name": "work"}); again["creationDate"] != first["creationDate"] {
			t.Errorf("CreateActivity again = %v, want %v", again, first)
		}
		tests := []struct {
			name string
			op   string
			in   map[string]any
			want apiError
		}{
			{"bad name", "CreateActivity", map[string]any{"name": "TestActivity InvalidName$"}, apiError{"InvalidName", "Invalid Name: 'TestActivity InvalidName$'"}},
			{"describe missing", "DescribeActivity", map[string]any{"activityArn": actARN + "nope"}, apiError{"ActivityDoesNotExist", "Activity Does Not Exist: '" + actARN + "nope'"}},
			{"poll missing", "GetActivityTask", map[string]any{"activityArn": actARN + "nope"}, apiError{"ActivityDoesNotExist", ""}},
			{"poll a machine", "GetActivityTask", map[string]any{"activityArn": smARN + "m"}, apiError{"InvalidArn", "Invalid Arn: 'Resource type not valid in this context: statemachine'"}},
			{"long worker name", "GetActivityTask", map[string]any{"activityArn": actARN + "work", "workerName": strings.Repeat("w", 81)}, apiError{"ValidationException", ""}},
			{"garbage token", "SendTaskSuccess", map[string]any{"taskToken": "garbage", "output": "{}"}, apiError{"InvalidToken", "Invalid Token: 'garbage'"}},
			{"no output", "SendTaskSuccess", map[string]any{"taskToken": "garbage"},
				apiError{"ValidationException", "1 validation error detected: Value null at 'output' failed to satisfy constraint: Member must not be null"}},
			{"garbage heartbeat", "SendTaskHeartbeat", map[string]any{"taskToken": "garbage"}, apiError{"InvalidToken", ""}},
		}
		for _, tt := range tests {
			f.inCase(t, tt.name).fail(tt.op, tt.in, tt.want)
		}
		f.ok("DeleteActivity", map[string]any{"activityArn": actARN + "nope"})

		// A task of an activity that is gone fails the execution, which
		// nothing can catch.
		f.ok("DeleteActivity", map[string]any{"activityArn": actARN + "work"})
		f.fail("DescribeActivity", map[string]any{"activityArn": actARN + "work"}, apiError{"ActivityDoesNotExist", ""})
		e := f.start(f.createMachine("m", activityDef(""), nil), nil)
		synctest.Wait()
		if d := f.describe(e); d["status"] != "FAILED" || d["error"] != "States.Runtime" {
			t.Errorf("execution on a deleted activity %v", d)
		}
	})
}

func TestListActivities(t *testing.T) {
	f := newFake(t, nil)
	for i := range 3 {
		f.ok("CreateActivity", map[string]any{"name": fmt.Sprint("a", 2-i)})
	}
	in := map[string]any{"maxResults": 2}
	var names []string
	for {
		out := f.ok("ListActivities", in)
		for _, it := range out["activities"].([]any) {
			item := it.(map[string]any)
			names = append(names, str(t, item["name"]))
			if item["activityArn"] != actARN+item["name"].(string) {
				t.Errorf("item %v", item)
			}
		}
		next, _ := out["nextToken"].(string)
		if next == "" {
			break
		}
		in["nextToken"] = next
	}
	if fmt.Sprint(names) != "[a0 a1 a2]" {
		t.Errorf("activities %v", names)
	}
}
