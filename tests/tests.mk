# Robustness runs of the system tests (included by the top Makefile). Not
# part of `make check`: they take long and load the machine on purpose.
#
#   make check-repeat [ROUNDS=10] [PARALLEL=2]
#       the whole system suite ROUNDS times, PARALLEL suites at a time in
#       this checkout (a busy CI machine); reports every test that failed at
#       least once, with its log, and any file a suite wrote outside its own
#       temporary directory (tests/repeat.py; logs in build/check-repeat/)
#   make timer-stress [STRESS_RUNS=50]
#       tests/system/test_timer_stress.py (QEMU stopped at random while
#       guests take timer interrupts) with STRESS_RUNS times its runs

ROUNDS      ?= 10
PARALLEL    ?= 2
STRESS_RUNS ?= 50

check-repeat: all linux
	$(PYTHON) tests/repeat.py --rounds $(ROUNDS) --parallel $(PARALLEL)

timer-stress: all
	BERYL_STRESS_RUNS=$(STRESS_RUNS) $(PYTHON) -m pytest -q -p no:cacheprovider \
		tests/system/test_timer_stress.py

.PHONY: check-repeat timer-stress
