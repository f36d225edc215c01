# mk/embedded.mk - libnews on microcontrollers; included from the Makefile.
#
#   make cross          the library (no stdio, no malloc) with -Werror for
#                       Cortex-M0, Cortex-M4F, RV32IMAC (no C library at all,
#                       NEWS_FREESTANDING) and AVR (ATmega2560, 16-bit int);
#                       a -nostdlib link of every public function (no symbol
#                       may stay undefined); the amalgamation on each target;
#                       the firmware example; the programs check-targets runs
#   make size           .text/.data/.bss per target and module, the flash
#                       budgets checked, then the stack budget (make stack)
#   make stack          the deepest stack of every public function
#   make check-targets  unit tests under qemu-arm (ARMv7-A) and
#                       qemu-system-arm (Cortex-M3), the smoke test under
#                       simavr (AVR), qemu-system-arm (Cortex-M0) and
#                       qemu-riscv32 (RV32IMAC), the firmware example
#   make amalgamate     dist/news.h and dist/news.c
#   make check-amalgamation  dist/news.c compiled alone by cc and every target
#   make arduino        dist/arduino/libnews: the Arduino library layout
#   make check-cmake    CMakeLists.txt: plain, add_subdirectory, cross,
#                       and as ESP-IDF and Zephyr would call it
#
# GNU make and python3 (tools/*.py). Tools are found by name and prefix,
# e.g. make cross ARM_PREFIX=/opt/gcc-arm/bin/arm-none-eabi-

ARM_PREFIX = arm-none-eabi-
RISCV_PREFIX = riscv64-unknown-elf-
AVR_PREFIX = avr-
QEMU_ARM = qemu-arm
QEMU_SYSTEM_ARM = qemu-system-arm
QEMU_RISCV32 = qemu-riscv32
SIMAVR = simavr
PYTHON = python3
CMAKE = cmake
TIMEOUT = timeout 600

# Budgets (Cortex-M0, -Os), in bytes.
BUDGET_CORE = 4096
BUDGET_WHOLE = 12288
BUDGET_STACK = 256

XB = build/cross
X_SRC = $(sort $(LIB_SRC) src/freestanding.c)
X_WARN = -std=c99 -Wall -Wextra -Wpedantic -Wshadow -Wvla -Werror
X_CFLAGS = $(X_WARN) -Os -ffunction-sections -fdata-sections

# The targets: compiler prefix, architecture, the configurations built.
X_TARGETS = m0 m4f rv32 avr
X_PREFIX_m0 = $(ARM_PREFIX)
X_ARCH_m0 = -mcpu=cortex-m0 -mthumb -mfloat-abi=soft
X_CONFIGS_m0 = lib nostr free fw
X_PREFIX_m4f = $(ARM_PREFIX)
X_ARCH_m4f = -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
X_CONFIGS_m4f = lib nostr free
X_PREFIX_rv32 = $(RISCV_PREFIX)
X_ARCH_rv32 = -march=rv32imac -mabi=ilp32
X_CONFIGS_rv32 = free
X_PREFIX_avr = $(AVR_PREFIX)
X_ARCH_avr = -mmcu=atmega2560
X_CONFIGS_avr = lib nostr free
# Stack usage per function everywhere; the call graph needs GCC 12.
X_STACK = -fstack-usage -fcallgraph-info=su
X_EXTRA_m0 = $(X_STACK)
X_EXTRA_m4f = $(X_STACK)
X_EXTRA_rv32 = $(X_STACK)
X_EXTRA_avr = -fstack-usage

# The configurations. free has no C library at all: the compiler's own
# headers, the string helpers of src/freestanding.c, and no loop turned
# into a memset/memcpy call. fw is examples/firmware's, set through
# NEWS_CONFIG_HEADER.
X_CFG_lib = -DNEWS_NO_STDIO -DNEWS_NO_MALLOC
X_CFG_nostr = $(X_CFG_lib) -DNEWS_NO_ERROR_STRINGS
X_CFG_free = -DNEWS_FREESTANDING -ffreestanding -fno-tree-loop-distribute-patterns
X_CFG_fw = -DNEWS_CONFIG_HEADER='"news_config.h"' -Iexamples/firmware

# Linking: against newlib-nano (ARM), with no library but libgcc (free).
X_LINK_lib = -nostartfiles --specs=nano.specs -Wl,--gc-sections
X_LIBS_lib = -lc -lgcc
X_LINK_free = -nostdlib -Wl,--gc-sections
X_LIBS_free = -lgcc

# One library per target and configuration: $(XB)/TARGET-CONFIG/libnews.a.
# The many compile lines are shortened; make V=1 shows them whole.
X_Q = $(if $(V),,@)
define X_LIBRARY
$(XB)/$(1)-$(2)/%.o: src/%.c include/news.h $(wildcard src/*.h)
	@mkdir -p $$(@D)
	$$(if $$(V),,@echo "  CC  $(1)-$(2)  $$<")
	$$(X_Q)$$(X_PREFIX_$(1))gcc $$(X_CFLAGS) $$(X_ARCH_$(1)) $$(X_EXTRA_$(1)) $$(X_CFG_$(2)) \
		-Iinclude -c $$< -o $$@

$(XB)/$(1)-$(2)/libnews.a: $$(X_SRC:src/%.c=$(XB)/$(1)-$(2)/%.o)
	$$(X_Q)rm -f $$@
	$$(X_Q)$$(X_PREFIX_$(1))ar rcs $$@ $$^

X_ARCHIVES += $(XB)/$(1)-$(2)/libnews.a
endef
$(foreach t,$(X_TARGETS),$(foreach c,$(X_CONFIGS_$(t)),$(eval $(call X_LIBRARY,$(t),$(c)))))

# The public functions the library defines, for tests/target/api.c.
$(XB)/%/api.h: $(XB)/%/libnews.a
	$(X_Q)$(X_PREFIX_$(firstword $(subst -, ,$*)))nm -g --defined-only $< | \
		awk '$$2 == "T" && $$3 ~ /^news_/ && $$3 !~ /^news__/ { print "NEWS_API_FN(" $$3 ")" }' | \
		sort > $@

# Every public function linked into one program: with -nostdlib for the
# freestanding builds (the link check), against newlib-nano otherwise
# (for the stack analysis).
define X_API
$(XB)/$(1)-$(2)/api.elf: tests/target/api.c $(XB)/$(1)-$(2)/api.h $(XB)/$(1)-$(2)/libnews.a
	$$(if $$(V),,@echo "  LD  $(1)-$(2)  every public function: $$(X_LINK_$(2))")
	$$(X_Q)$$(X_PREFIX_$(1))gcc $$(X_CFLAGS) $$(X_ARCH_$(1)) $$(X_CFG_$(2)) -Iinclude -I$(XB)/$(1)-$(2) \
		$$(X_LINK_$(2)) -Wl,-Map=$(XB)/$(1)-$(2)/api.map -o $$@ tests/target/api.c \
		$(XB)/$(1)-$(2)/libnews.a $$(X_LIBS_$(2)) || { \
		echo "$(1)-$(2): FAILED: the library needs the symbols above, which this" \
			"configuration does not provide (see NEWS_FREESTANDING in include/news.h)"; \
		exit 1; }
	@echo "$(1)-$(2): every public function linked, no undefined symbol" \
		"(`grep -c NEWS_API_FN $(XB)/$(1)-$(2)/api.h` functions)"

X_APIS += $(XB)/$(1)-$(2)/api.elf
endef
$(foreach tc,m0-lib m0-free m4f-lib m4f-free rv32-free,\
	$(eval $(call X_API,$(firstword $(subst -, ,$(tc))),$(lastword $(subst -, ,$(tc))))))

# What the reader, the builder and the writer take in a program (size).
define X_PROBE
$(XB)/m0-$(1)/probe.elf: tests/target/probe.c $(XB)/m0-$(1)/libnews.a
	$$(X_PREFIX_m0)gcc $$(X_CFLAGS) $$(X_ARCH_m0) $$(X_CFG_$(1)) -Iinclude $$(X_LINK_lib) \
		-Wl,-Map=$(XB)/m0-$(1)/probe.map -o $$@ tests/target/probe.c \
		$(XB)/m0-$(1)/libnews.a $$(X_LIBS_lib)
endef
$(eval $(call X_PROBE,lib))
$(eval $(call X_PROBE,nostr))

# ---- the amalgamation ----------------------------------------------------

AMALGAMATION = dist/news.h dist/news.c

amalgamate: $(AMALGAMATION)

# One run writes both files.
dist/news.c: tools/amalgamate.py include/news.h $(wildcard src/*.h) $(X_SRC)
	$(PYTHON) tools/amalgamate.py dist include/news.h $(X_SRC)
dist/news.h: dist/news.c
	@test -f $@

# Compiled alone in dist/ (no -I) by each target, in its first configuration.
define X_AMALG
$(XB)/$(1)-amalgamation.o: $(AMALGAMATION)
	@mkdir -p $(XB)
	cd dist && $$(X_PREFIX_$(1))gcc $$(X_CFLAGS) $$(X_ARCH_$(1)) \
		$$(X_CFG_$(firstword $(X_CONFIGS_$(1)))) -c news.c -o ../$$@
endef
$(foreach t,$(X_TARGETS),$(eval $(call X_AMALG,$(t))))

# Then the unit tests, built on dist/news.c instead of src/, must pass.
check-amalgamation: $(AMALGAMATION) $(X_TARGETS:%=$(XB)/%-amalgamation.o)
	cd dist && $(CC) -c news.c -o ../build/amalgamation-cc.o
	cd dist && $(CC) $(X_WARN) -c news.c -o ../build/amalgamation-cc-warn.o
	@echo "dist/news.c compiles alone with $(CC) and on: $(X_TARGETS)"
	$(CC) -Idist $(NEWS_CFLAGS) $(CHECK_CFLAGS) $(ALL_CFLAGS) $(LDFLAGS) \
		-o build/tests-amalgamation $(TEST_SRC) dist/news.c $(CHECK_COMPAT) $(CHECK_LIBS)
	./build/tests-amalgamation

# ---- programs run on the targets -----------------------------------------

# ARMv7-A runs the speed build (-O2), Cortex-M3 the size build (-Os),
# whose code differs where __OPTIMIZE_SIZE__ picks smaller paths.
X_TESTS_FLAGS = $(NEWS_CFLAGS) -Itests/compat -g
# Without a POSIX file system (no mkstemp, no directories) under
# semihosting, the temporary-file tests of hosted/file cannot run.
X_TESTS_SKIP = -DMINICHECK_SKIP='"hosted/file"'
X_TESTS_SRC = $(LIB_SRC) $(TEST_SRC) tests/compat/minicheck.c
X_TESTS_DEPS = $(X_TESTS_SRC) include/news.h $(wildcard src/*.h) tests/util.h tests/jsonvalid.h \
	tests/compat/check.h

# Unit tests, ARMv7-A, no operating system: newlib over semihosting, run by
# qemu-arm (file names resolve against the working directory).
$(XB)/armv7a/tests.elf: $(X_TESTS_DEPS)
	@mkdir -p $(@D)
	$(X_PREFIX_m0)gcc $(X_TESTS_FLAGS) -O2 $(X_TESTS_SKIP) -march=armv7-a -marm \
		--specs=rdimon.specs -o $@ $(X_TESTS_SRC)

# Unit tests, Cortex-M3 (MPS2 AN385 board): own start-up and memory map.
$(XB)/m3/tests.elf: $(X_TESTS_DEPS) tests/target/m3_start.c tests/target/mps2-an385.ld
	@mkdir -p $(@D)
	$(X_PREFIX_m0)gcc $(X_TESTS_FLAGS) -Os $(X_TESTS_SKIP) -mcpu=cortex-m3 -mthumb \
		--specs=rdimon.specs -nostartfiles -T tests/target/mps2-an385.ld -o $@ \
		tests/target/m3_start.c $(X_TESTS_SRC)

X_SMOKE_DEPS = tests/target/smoke.c tests/target/smoke.h include/news.h tests/target/gcc_rt.c

# Smoke test, AVR: the lib configuration, avr-libc's start-up, USART0.
$(XB)/avr-lib/smoke.elf: $(X_SMOKE_DEPS) tests/target/avr_smoke.c $(XB)/avr-lib/libnews.a
	$(X_PREFIX_avr)gcc $(X_CFLAGS) $(X_ARCH_avr) $(X_CFG_lib) -Iinclude -Itests/target \
		-Wl,--gc-sections -o $@ tests/target/avr_smoke.c tests/target/smoke.c \
		$(XB)/avr-lib/libnews.a

# Smoke test, Cortex-M0 (micro:bit): no C library, the firmware start-up.
$(XB)/m0-free/smoke.elf: $(X_SMOKE_DEPS) tests/target/m0_smoke.c $(XB)/m0-free/libnews.a \
		examples/firmware/startup.c examples/firmware/cortex-m0.ld
	$(X_PREFIX_m0)gcc $(X_CFLAGS) $(X_ARCH_m0) $(X_CFG_free) -DFIRMWARE_SEMIHOSTING \
		-Iinclude -Itests/target -Iexamples/firmware $(X_LINK_free) \
		-T examples/firmware/cortex-m0.ld -o $@ tests/target/m0_smoke.c tests/target/smoke.c \
		examples/firmware/startup.c tests/target/gcc_rt.c $(XB)/m0-free/libnews.a $(X_LIBS_free)

# Smoke test, RV32IMAC: no C library; Linux system calls for qemu-riscv32.
$(XB)/rv32-free/smoke.elf: $(X_SMOKE_DEPS) tests/target/rv32_smoke.c $(XB)/rv32-free/libnews.a
	$(X_PREFIX_rv32)gcc $(X_CFLAGS) $(X_ARCH_rv32) $(X_CFG_free) -Iinclude -Itests/target \
		$(X_LINK_free) -static -Wl,--no-relax -Wl,--no-warn-rwx-segments -o $@ \
		tests/target/rv32_smoke.c tests/target/smoke.c tests/target/gcc_rt.c \
		$(XB)/rv32-free/libnews.a $(X_LIBS_free)

# The firmware example (Cortex-M0): its options come from its
# news_config.h; newlib-nano gives the string functions.
X_FW = $(XB)/m0-fw/firmware
$(X_FW).elf: examples/firmware/firmware.c examples/firmware/startup.c \
		examples/firmware/board.h examples/firmware/cortex-m0.ld $(XB)/m0-fw/libnews.a
	$(X_PREFIX_m0)gcc $(X_CFLAGS) $(X_ARCH_m0) $(X_EXTRA_m0) $(X_CFG_fw) -DFIRMWARE_SEMIHOSTING \
		-Iinclude -c examples/firmware/firmware.c -o $(X_FW).o
	$(X_PREFIX_m0)gcc $(X_CFLAGS) $(X_ARCH_m0) $(X_EXTRA_m0) -ffreestanding \
		-fno-tree-loop-distribute-patterns -DFIRMWARE_SEMIHOSTING \
		-c examples/firmware/startup.c -o $(XB)/m0-fw/startup.o
	$(X_PREFIX_m0)gcc $(X_ARCH_m0) $(X_LINK_lib) -T examples/firmware/cortex-m0.ld \
		-Wl,-Map=$(X_FW).map -o $@ $(X_FW).o $(XB)/m0-fw/startup.o \
		$(XB)/m0-fw/libnews.a $(X_LIBS_lib)
	@$(X_PREFIX_m0)size $@

X_PROGRAMS = $(XB)/avr-lib/smoke.elf $(XB)/m0-free/smoke.elf $(XB)/rv32-free/smoke.elf \
	$(X_FW).elf

# ---- the targets ---------------------------------------------------------

X_TOOLS = $(X_PREFIX_m0)gcc $(X_PREFIX_rv32)gcc $(X_PREFIX_avr)gcc $(PYTHON)

cross-tools:
	@for t in $(X_TOOLS); do command -v $$t >/dev/null || { \
		echo "make cross: $$t not found (Debian: gcc-arm-none-eabi libnewlib-arm-none-eabi" \
			"gcc-riscv64-unknown-elf gcc-avr avr-libc python3)"; exit 1; }; done

# -k: one failure (a core file that does not build for a target) still
# lets everything else build, so that one run shows every problem.
cross: cross-tools
	@$(MAKE) -k --no-print-directory cross-build

cross-build: $(X_ARCHIVES) $(X_APIS) $(XB)/m0-lib/probe.elf $(XB)/m0-nostr/probe.elf \
		$(X_TARGETS:%=$(XB)/%-amalgamation.o) $(X_PROGRAMS)
	@echo "cross: built for $(X_TARGETS) with -Werror"

# size and stack need only what they measure, so that they report even
# while a link check of make cross fails.
X_SIZE_DEPS = $(X_ARCHIVES) $(XB)/m0-lib/probe.elf $(XB)/m0-nostr/probe.elf
X_STACK_DEPS = $(XB)/m0-lib/api.elf $(XB)/m4f-lib/api.elf $(XB)/rv32-free/libnews.a $(X_FW).elf

# ENFORCE_BUDGETS=no prints the budgets without failing on them (zero
# .data/.bss, recursion and VLAs are still enforced); ENFORCE_BUDGETS=met
# fails on the budgets met so far (the core's flash, and the stack of
# every public function but those named in STACK_PENDING, none now) and
# reports the rest (the whole library's flash).
ENFORCE_BUDGETS = yes
STACK_PENDING =
X_REPORT = $(if $(filter no,$(ENFORCE_BUDGETS)),--report-only,$(if \
	$(filter met,$(ENFORCE_BUDGETS)),--report-only=whole))
X_STACK_REPORT = $(if $(filter no,$(ENFORCE_BUDGETS)),--report-only,$(if \
	$(and $(filter met,$(ENFORCE_BUDGETS)),$(STACK_PENDING)),--report-only=$(STACK_PENDING)))

# Every report is printed even when an earlier one is over its budget;
# the status says whether all were within.
size: cross-tools $(X_SIZE_DEPS) $(X_STACK_DEPS)
	@rc=0; \
	$(PYTHON) tools/size.py --budget-core $(BUDGET_CORE) --budget-whole $(BUDGET_WHOLE) $(X_REPORT) \
		--table "Cortex-M0=$(XB)/m0-lib" --table "Cortex-M4F=$(XB)/m4f-lib" \
		--table "RV32IMAC=$(XB)/rv32-free" --table "AVR=$(XB)/avr-lib" \
		--core "$(XB)/m0-nostr" --core-default "$(XB)/m0-lib" --whole "$(XB)/m0-lib" \
		$(foreach t,$(X_TARGETS),$(foreach c,$(X_CONFIGS_$(t)),--zero $(XB)/$(t)-$(c))) || rc=1; \
	echo; $(MAKE) --no-print-directory stack-report || rc=1; \
	exit $$rc

stack: cross-tools $(X_STACK_DEPS)
	@$(MAKE) --no-print-directory stack-report

# Checked on Cortex-M0; the others are for information.
stack-report:
	@rc=0; \
	$(PYTHON) tools/stack.py --budget $(BUDGET_STACK) $(X_STACK_REPORT) --objdump $(X_PREFIX_m0)objdump \
		--name "Cortex-M0" $(XB)/m0-lib || rc=1; \
	echo; $(PYTHON) tools/stack.py --objdump $(X_PREFIX_m0)objdump --name "Cortex-M4F" \
		--brief $(XB)/m4f-lib || rc=1; \
	echo; $(PYTHON) tools/stack.py --objdump $(X_PREFIX_rv32)objdump --name "RV32IMAC" \
		--brief $(XB)/rv32-free || rc=1; \
	echo; $(PYTHON) tools/stack.py --objdump $(X_PREFIX_m0)objdump --program firmware \
		--entry reset_handler --name "examples/firmware, Cortex-M0" $(XB)/m0-fw || rc=1; \
	exit $$rc

X_RUN_TOOLS = $(QEMU_ARM) $(QEMU_SYSTEM_ARM) $(QEMU_RISCV32) $(SIMAVR)

check-targets: cross-tools $(X_PROGRAMS) $(XB)/armv7a/tests.elf $(XB)/m3/tests.elf
	@for t in $(X_RUN_TOOLS); do command -v $$t >/dev/null || { \
		echo "make check-targets: $$t not found (Debian: qemu-user qemu-system-arm simavr)"; \
		exit 1; }; done
	sh tests/target/run.sh unit "ARMv7-A, qemu-arm" $(TIMEOUT) $(QEMU_ARM) $(XB)/armv7a/tests.elf
	sh tests/target/run.sh unit "Cortex-M3, qemu-system-arm mps2-an385" $(TIMEOUT) \
		$(QEMU_SYSTEM_ARM) -M mps2-an385 -nographic -monitor none -serial none \
		-semihosting-config enable=on,target=native -kernel $(XB)/m3/tests.elf
	sh tests/target/run.sh smoke "AVR ATmega2560, simavr" $(TIMEOUT) \
		$(SIMAVR) -m atmega2560 -f 16000000 $(XB)/avr-lib/smoke.elf
	sh tests/target/run.sh smoke "Cortex-M0, qemu-system-arm microbit" $(TIMEOUT) \
		$(QEMU_SYSTEM_ARM) -M microbit -nographic -monitor none -serial none \
		-semihosting-config enable=on,target=native -kernel $(XB)/m0-free/smoke.elf
	sh tests/target/run.sh smoke "RV32IMAC, qemu-riscv32" $(TIMEOUT) \
		$(QEMU_RISCV32) $(XB)/rv32-free/smoke.elf
	sh tests/target/run.sh firmware "examples/firmware, Cortex-M0, qemu-system-arm microbit" \
		$(TIMEOUT) $(QEMU_SYSTEM_ARM) -M microbit -nographic -monitor none -serial none \
		-semihosting-config enable=on,target=native -kernel $(X_FW).elf

# ---- packaging -----------------------------------------------------------

# The amalgamation in src/, with the FILE and heap helpers left out (the
# AVR core has no fopen, and sketches cannot pass -D options).
arduino: tools/amalgamate.py include/news.h $(wildcard src/*.h) $(X_SRC) \
		arduino/library.properties arduino/examples/NewsStory/NewsStory.ino
	rm -rf dist/arduino
	mkdir -p dist/arduino/libnews/examples
	$(PYTHON) tools/amalgamate.py --define NEWS_NO_STDIO --define NEWS_NO_MALLOC \
		dist/arduino/libnews/src include/news.h $(X_SRC)
	cp -R arduino/examples/NewsStory dist/arduino/libnews/examples/
	sed -e "s/^version=.*/version=$(VERSION)/" arduino/library.properties \
		> dist/arduino/libnews/library.properties
	@echo "arduino: dist/arduino/libnews (copy it into your sketchbook's libraries folder)"

# The Arduino layout built as the Arduino AVR core would build it: the
# library's src/ in C, the example sketch in C++ against a stub Arduino.h.
check-arduino: arduino
	@mkdir -p $(XB)/arduino
	$(X_PREFIX_avr)gcc $(X_WARN) $(X_ARCH_avr) -Os -Idist/arduino/libnews/src \
		-c dist/arduino/libnews/src/news.c -o $(XB)/arduino/news.o
	$(X_PREFIX_avr)g++ -Wall -Wextra -Werror $(X_ARCH_avr) -Os -x c++ -Itests/target/arduino \
		-include Arduino.h -Idist/arduino/libnews/src \
		-c dist/arduino/libnews/examples/NewsStory/NewsStory.ino -o $(XB)/arduino/sketch.o
	@echo "arduino: library and example sketch compile for the ATmega2560"

check-cmake:
	sh tests/cmake/run.sh "$(CMAKE)" "$(X_PREFIX_m0)gcc"

.PHONY: cross cross-tools cross-build size stack stack-report check-targets amalgamate \
	check-amalgamation arduino check-arduino check-cmake
