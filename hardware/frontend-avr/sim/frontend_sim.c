/*
 * frontend-sim: runs the front-end firmware's AVR ELF in simavr (ATmega328P, 16 MHz) and closes
 * the loop with the project's own simulated rig, served by `physics-server` over a pipe:
 *
 *   - UART0 on a pseudo-terminal, reachable at a link given on the command line (the host's port);
 *   - ADC0 reads the rig's load voltage: each conversion start (ADC_IRQ_OUT_TRIGGER) takes the
 *     next physics sample, mapped as mV = 5000 * (volts / fullScale + 0.5), clamped to [0, 5000];
 *   - STEP (PD2) rising edges with /EN (PD4) low move the simulated actuator, DIR (PD3) high = +1,
 *     low = -1; the new position goes to the physics as 'M' before the next sample is fetched;
 *   - the home switch (PD5, active low) is closed while the position is at or below the minimum.
 *
 * simavr 1.6 implements only the free-running ADC auto-trigger; the firmware's Timer1 compare B
 * trigger is modelled here: each raise of the interrupt flag of the source ADTS selects (Timer1
 * compare B or overflow, Timer0 compare A or overflow) starts a conversion through ADC_IRQ_IN_TRIGGER when ADATE is set and ADTS
 * selects that source.
 *
 * Usage: frontend-sim [options] FIRMWARE.elf -- PHYSICS-COMMAND [ARGS...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <avr_adc.h>
#include <avr_ioport.h>
#include <avr_uart.h>
#include <sim_avr.h>
#include <sim_core.h>
#include <sim_elf.h>
#include <sim_interrupts.h>
#include <sim_irq.h>

/* ATmega328P data-space addresses and bits (datasheet, register summary). */
#define REG_DDRD 0x2A
#define REG_PORTD 0x2B
#define REG_ADCSRA 0x7A
#define REG_ADCSRB 0x7B
#define BIT_ADATE 5
#define PIN_STEP 2
#define PIN_DIR 3
#define PIN_EN 4
#define PIN_HOME 5
/* Interrupt vector numbers of the ADC's auto-trigger sources, and their ADTS codes. */
#define VEC_TIMER1_COMPB 12
#define VEC_TIMER1_OVF 13
#define VEC_TIMER0_COMPA 14
#define VEC_TIMER0_OVF 16

#define MAX_BATCH 4096
#define OUT_RING (1u << 20)
#define IN_BUF 4096

static const struct {
    int vector;
    int adts;
} trigger_sources[] = {
    {VEC_TIMER0_COMPA, 3}, {VEC_TIMER0_OVF, 4}, {VEC_TIMER1_COMPB, 5}, {VEC_TIMER1_OVF, 6},
    /* ADTS 0 (free running) is simavr's own; 1, 2 and 7 (comparator, INT0, capture) are not modelled. */
};

static struct {
    avr_t *avr;
    /* options */
    const char *link;
    double speed;        /* max simulated/wall ratio; 0 = as fast as possible */
    int batch;           /* physics samples fetched per 'S' */
    int hold_when_full;  /* 1: stop the simulation while the pty is full; 0: drop bytes */
    double duration_s;   /* 0 = until signalled */
    double stats_every_s;
    /* physics pipe */
    pid_t child;
    int to_physics, from_physics;
    uint32_t rate_hz;
    int32_t min_steps, max_steps, initial_steps;
    double full_scale_volts;
    uint8_t adc_bits;
    float samples[MAX_BATCH];
    int sample_count, sample_pos;
    /* actuator */
    int32_t position, position_sent;
    int step_level;
    avr_cycle_count_t step_rise_cycle;
    uint64_t steps_up, steps_down, steps_disabled, steps_at_stop, short_pulses, moves_sent;
    int home_closed;
    /* ADC */
    uint64_t conversions;
    uint64_t triggers;
    avr_irq_t *adc_in;
    avr_irq_t *adc_trigger_in;
    avr_irq_t *home_irq;
    /* UART */
    int pty_master, pty_slave;
    avr_irq_t *uart_in;
    int xoff;
    uint8_t *out;
    size_t out_head, out_tail; /* ring: [tail, head) pending */
    uint8_t in[IN_BUF];
    size_t in_len, in_pos;
    uint64_t bytes_to_host, bytes_from_host, bytes_dropped;
    double held_wall_s; /* wall time the simulation stood still for a host that did not read */
} H;

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig) {
    (void) sig;
    stop_requested = 1;
}

static double wall_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void die(const char *fmt, const char *detail) {
    fprintf(stderr, "frontend-sim: ");
    fprintf(stderr, fmt, detail);
    fprintf(stderr, "\n");
    if (H.child > 0) {
        kill(H.child, SIGTERM);
    }
    exit(1);
}

/* ------------------------------------------------------------------ physics pipe */

static void write_all(int fd, const void *data, size_t n) {
    const uint8_t *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            die("the physics server's input closed: %s", strerror(errno));
        }
        p += w;
        n -= (size_t) w;
    }
}

static void read_all(int fd, void *data, size_t n) {
    uint8_t *p = data;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            die("the physics server's output ended (%s): see its message above", r == 0 ? "end of file" : strerror(errno));
        }
        p += r;
        n -= (size_t) r;
    }
}

static uint32_t le32(const uint8_t *b) {
    return (uint32_t) b[0] | (uint32_t) b[1] << 8 | (uint32_t) b[2] << 16 | (uint32_t) b[3] << 24;
}

static void spawn_physics(char **argv) {
    int down[2], up[2];
    if (pipe(down) != 0 || pipe(up) != 0) {
        die("pipe: %s", strerror(errno));
    }
    H.child = fork();
    if (H.child < 0) {
        die("fork: %s", strerror(errno));
    }
    if (H.child == 0) {
        dup2(down[0], 0);
        dup2(up[1], 1);
        close(down[0]);
        close(down[1]);
        close(up[0]);
        close(up[1]);
        execvp(argv[0], argv);
        fprintf(stderr, "frontend-sim: cannot run the physics server %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(down[0]);
    close(up[1]);
    H.to_physics = down[1];
    H.from_physics = up[0];
    uint8_t op = 'I';
    write_all(H.to_physics, &op, 1);
    uint8_t info[25];
    read_all(H.from_physics, info, sizeof info);
    H.rate_hz = le32(info);
    H.min_steps = (int32_t) le32(info + 4);
    H.max_steps = (int32_t) le32(info + 8);
    H.initial_steps = (int32_t) le32(info + 12);
    memcpy(&H.full_scale_volts, info + 16, 8); /* little-endian host */
    H.adc_bits = info[24];
}

static void send_position_if_moved(void) {
    if (H.position == H.position_sent) {
        return;
    }
    uint8_t m[5] = {'M', (uint8_t) H.position, (uint8_t) (H.position >> 8), (uint8_t) (H.position >> 16),
                    (uint8_t) (H.position >> 24)};
    write_all(H.to_physics, m, sizeof m);
    H.position_sent = H.position;
    H.moves_sent++;
}

static float next_sample(void) {
    if (H.sample_pos == H.sample_count) {
        send_position_if_moved();
        uint8_t s[3] = {'S', (uint8_t) H.batch, (uint8_t) (H.batch >> 8)};
        write_all(H.to_physics, s, sizeof s);
        read_all(H.from_physics, H.samples, sizeof(float) * (size_t) H.batch);
        H.sample_count = H.batch;
        H.sample_pos = 0;
    }
    return H.samples[H.sample_pos++];
}

/* ------------------------------------------------------------------ ADC */

static void on_adc_trigger(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void) irq;
    (void) param;
    union {
        avr_adc_mux_t mux;
        uint32_t v;
    } e = {.v = value};
    H.conversions++;
    float volts = next_sample();
    if (e.mux.kind == ADC_MUX_SINGLE && e.mux.src == 0) {
        double mv = 5000.0 * (volts / H.full_scale_volts + 0.5);
        mv = mv < 0 ? 0 : mv > 5000 ? 5000 : mv;
        avr_raise_irq(H.adc_in, (uint32_t) lround(mv));
    }
}

/* A trigger source's interrupt flag rose: the ADC's auto-trigger, which simavr 1.6 lacks. */
static void on_trigger_source(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void) irq;
    if (!value) {
        return;
    }
    int adts = (int) (intptr_t) param;
    uint8_t adcsra = H.avr->data[REG_ADCSRA];
    if (!(adcsra & (1 << BIT_ADATE)) || (H.avr->data[REG_ADCSRB] & 7) != adts) {
        return;
    }
    H.triggers++;
    avr_raise_irq(H.adc_trigger_in, 1);
}

/* ------------------------------------------------------------------ stepper and home switch */

static void update_home_switch(void) {
    int closed = H.position <= H.min_steps;
    if (closed != H.home_closed) {
        H.home_closed = closed;
        /* As an external level: simavr re-applies an internal pull-up over a raised pin at every PORTD
         * write, but never over an "external" pull, which stands for the switch here. */
        avr_ioport_external_t level = {.name = 'D', .mask = 1 << PIN_HOME, .value = closed ? 0 : 1 << PIN_HOME};
        avr_ioctl(H.avr, AVR_IOCTL_IOPORT_SET_EXTERNAL('D'), &level);
        avr_raise_irq(H.home_irq, closed ? 0 : 1);
    }
}

static void on_step_pin(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void) irq;
    (void) param;
    int level = value & 1;
    if (level == H.step_level) {
        return;
    }
    H.step_level = level;
    avr_cycle_count_t now = H.avr->cycle;
    if (!level) {
        /* A4988: STEP high at least 1 us. */
        if (now - H.step_rise_cycle < H.avr->frequency / 1000000) {
            H.short_pulses++;
        }
        return;
    }
    H.step_rise_cycle = now;
    uint8_t ddr = H.avr->data[REG_DDRD], port = H.avr->data[REG_PORTD];
    /* /EN driven high disables the driver; an undriven /EN is pulled low on A4988 carrier boards. */
    if ((ddr & (1 << PIN_EN)) && (port & (1 << PIN_EN))) {
        H.steps_disabled++;
        return;
    }
    int up = (port >> PIN_DIR) & 1;
    int32_t target = H.position + (up ? 1 : -1);
    if (target < H.min_steps || target > H.max_steps) {
        H.steps_at_stop++; /* the carriage is against its mechanical stop */
        return;
    }
    H.position = target;
    if (up) {
        H.steps_up++;
    } else {
        H.steps_down++;
    }
    update_home_switch();
}

/* ------------------------------------------------------------------ UART on a pty */

static void on_uart_output(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void) irq;
    (void) param;
    size_t next = (H.out_head + 1) & (OUT_RING - 1);
    if (next == H.out_tail) {
        H.bytes_dropped++;
        return;
    }
    H.out[H.out_head] = (uint8_t) value;
    H.out_head = next;
}

static void feed_uart(void) {
    while (!H.xoff && H.in_pos < H.in_len) {
        avr_raise_irq(H.uart_in, H.in[H.in_pos++]);
        H.bytes_from_host++;
    }
}

static void on_xon(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void) irq;
    (void) param;
    (void) value;
    H.xoff = 0;
    feed_uart();
}

static void on_xoff(struct avr_irq_t *irq, uint32_t value, void *param) {
    (void) irq;
    (void) param;
    H.xoff = value ? 1 : 0;
}

static void open_pty(void) {
    H.pty_master = posix_openpt(O_RDWR | O_NOCTTY);
    if (H.pty_master < 0 || grantpt(H.pty_master) != 0 || unlockpt(H.pty_master) != 0) {
        die("cannot make a pseudo-terminal: %s", strerror(errno));
    }
    const char *name = ptsname(H.pty_master);
    /* Keep the slave open: its raw settings stay, and the master never sees a hang-up between hosts. */
    H.pty_slave = open(name, O_RDWR | O_NOCTTY);
    if (H.pty_slave < 0) {
        die("cannot open the pseudo-terminal's device end: %s", strerror(errno));
    }
    struct termios t;
    tcgetattr(H.pty_slave, &t);
    cfmakeraw(&t);
    cfsetspeed(&t, B1000000);
    tcsetattr(H.pty_slave, TCSANOW, &t);
    fcntl(H.pty_master, F_SETFL, fcntl(H.pty_master, F_GETFL) | O_NONBLOCK);
    unlink(H.link);
    if (symlink(name, H.link) != 0) {
        die("cannot make the link to the pseudo-terminal: %s", strerror(errno));
    }
    fprintf(stderr, "frontend-sim: UART0 on %s (link %s)\n", name, H.link);
}

/* Moves bytes between the pty and the UART; returns 1 when the output ring is too full to go on. */
static int pump_pty(void) {
    while (H.out_tail != H.out_head) {
        size_t end = H.out_head > H.out_tail ? H.out_head : OUT_RING;
        ssize_t w = write(H.pty_master, H.out + H.out_tail, end - H.out_tail);
        if (w <= 0) {
            break;
        }
        H.bytes_to_host += (uint64_t) w;
        H.out_tail = (H.out_tail + (size_t) w) & (OUT_RING - 1);
    }
    if (H.in_pos == H.in_len) {
        ssize_t r = read(H.pty_master, H.in, sizeof H.in);
        if (r > 0) {
            H.in_len = (size_t) r;
            H.in_pos = 0;
        }
    }
    feed_uart();
    size_t pending = (H.out_head - H.out_tail) & (OUT_RING - 1);
    if (!H.hold_when_full && pending > 0 && pending >= OUT_RING / 2) {
        /* Nobody reads: a USB-serial bridge without a host drops what it cannot pass on. */
        H.bytes_dropped += pending;
        H.out_tail = H.out_head;
        pending = 0;
    }
    return H.hold_when_full && pending >= 4096;
}

/* ------------------------------------------------------------------ main */

static void print_stats(const char *when, double wall_s) {
    double sim_s = (double) H.avr->cycle / H.avr->frequency;
    fprintf(stderr,
            "frontend-sim: %s: %.3f s simulated in %.3f s wall (ratio %.3f); %llu conversions (%.1f S/s simulated,"
            " %.1f S/s wall); UART %llu bytes to the host (%.0f baud simulated at 10 bits/byte), %llu from it, %llu"
            " dropped; position %d steps (%llu up, %llu down, %llu against a stop, %llu while disabled, %llu short"
            " pulses), %llu moves to the physics\n",
            when, sim_s, wall_s, wall_s > 0 ? sim_s / wall_s : 0.0, (unsigned long long) H.conversions,
            sim_s > 0 ? H.conversions / sim_s : 0.0, wall_s > 0 ? H.conversions / wall_s : 0.0,
            (unsigned long long) H.bytes_to_host, sim_s > 0 ? H.bytes_to_host * 10.0 / sim_s : 0.0,
            (unsigned long long) H.bytes_from_host, (unsigned long long) H.bytes_dropped, H.position,
            (unsigned long long) H.steps_up, (unsigned long long) H.steps_down, (unsigned long long) H.steps_at_stop,
            (unsigned long long) H.steps_disabled, (unsigned long long) H.short_pulses,
            (unsigned long long) H.moves_sent);
}

/* simavr's log: each distinct message once (the ADC warns at every ADCSRA write in auto-trigger mode). */
static void log_once(avr_t *avr, const int level, const char *format, va_list ap) {
    static const char *seen[64];
    static int seen_count;
    if (avr && level > avr->log) {
        return;
    }
    for (int i = 0; i < seen_count; i++) {
        if (seen[i] == format) {
            return;
        }
    }
    if (seen_count < 64) {
        seen[seen_count++] = format;
    }
    fprintf(stderr, "simavr: ");
    vfprintf(stderr, format, ap);
}

static void no_sleep(avr_t *avr, avr_cycle_count_t how_long) {
    /* The main loop paces; simavr's own sleep would wait the wall clock. */
    (void) avr;
    (void) how_long;
}

static void usage(void) {
    fprintf(stderr,
            "usage: frontend-sim [--pty LINK] [--speed X] [--batch N] [--hold] [--duration S] [--stats S]\n"
            "                    FIRMWARE.elf -- PHYSICS-SERVER-COMMAND [ARGS...]\n"
            "  --pty LINK    path of the link to the UART's pseudo-terminal (default /tmp/rl-avr)\n"
            "  --speed X     at most X simulated seconds per wall second (default 1; 0 = unpaced)\n"
            "  --batch N     physics samples per request (default 1: a move takes effect at the next sample)\n"
            "  --hold        stop the simulation while the host does not read (default: drop its bytes)\n"
            "  --duration S  stop after S simulated seconds (default: run until SIGINT/SIGTERM)\n"
            "  --stats S     a statistics line every S simulated seconds (default 0: only at the end)\n");
    exit(2);
}

int main(int argc, char **argv) {
    H.link = "/tmp/rl-avr";
    H.speed = 1.0;
    H.batch = 1;
    static const struct option options[] = {
        {"pty", required_argument, 0, 'p'},  {"speed", required_argument, 0, 's'},
        {"batch", required_argument, 0, 'b'}, {"hold", no_argument, 0, 'H'},
        {"duration", required_argument, 0, 'd'}, {"stats", required_argument, 0, 't'},
        {"help", no_argument, 0, 'h'},        {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        switch (c) {
            case 'p': H.link = optarg; break;
            case 's': H.speed = atof(optarg); break;
            case 'b': H.batch = atoi(optarg); break;
            case 'H': H.hold_when_full = 1; break;
            case 'd': H.duration_s = atof(optarg); break;
            case 't': H.stats_every_s = atof(optarg); break;
            default: usage();
        }
    }
    if (H.batch < 1 || H.batch > MAX_BATCH || H.speed < 0 || optind + 2 > argc || strcmp(argv[optind + 1], "--") != 0
        || optind + 2 == argc) {
        usage();
    }
    const char *elf = argv[optind];
    char **physics_argv = argv + optind + 2;

    avr_global_logger_set(log_once);
    elf_firmware_t firmware;
    memset(&firmware, 0, sizeof firmware);
    if (elf_read_firmware(elf, &firmware) != 0) {
        die("cannot read the firmware %s", elf);
    }
    H.avr = avr_make_mcu_by_name("atmega328p");
    if (!H.avr) {
        die("simavr has no %s core", "atmega328p");
    }
    avr_init(H.avr);
    avr_load_firmware(H.avr, &firmware);
    H.avr->frequency = 16000000;
    H.avr->vcc = H.avr->avcc = H.avr->aref = 5000;
    H.avr->sleep = no_sleep;
    H.avr->log = LOG_WARNING;

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);
    spawn_physics(physics_argv);
    H.position = H.position_sent = H.initial_steps;
    fprintf(stderr, "frontend-sim: physics: %u S/s, actuator [%d, %d] from %d steps, full scale %.4g V, %u-bit sensor"
            "; %d sample(s) per request\n", H.rate_hz, H.min_steps, H.max_steps, H.initial_steps, H.full_scale_volts,
            H.adc_bits, H.batch);

    /* UART0 */
    uint32_t flags = 0;
    avr_ioctl(H.avr, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
    flags &= ~(uint32_t) (AVR_UART_FLAG_STDIO | AVR_UART_FLAG_POLL_SLEEP);
    avr_ioctl(H.avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
    H.uart_in = avr_io_getirq(H.avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
    avr_irq_register_notify(avr_io_getirq(H.avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT), on_uart_output, NULL);
    avr_irq_register_notify(avr_io_getirq(H.avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XON), on_xon, NULL);
    avr_irq_register_notify(avr_io_getirq(H.avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XOFF), on_xoff, NULL);
    H.out = malloc(OUT_RING);
    open_pty();

    /* ADC0 and its auto-trigger */
    H.adc_in = avr_io_getirq(H.avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_ADC0);
    H.adc_trigger_in = avr_io_getirq(H.avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_IN_TRIGGER);
    avr_irq_register_notify(avr_io_getirq(H.avr, AVR_IOCTL_ADC_GETIRQ, ADC_IRQ_OUT_TRIGGER), on_adc_trigger, NULL);
    for (size_t i = 0; i < sizeof trigger_sources / sizeof trigger_sources[0]; i++) {
        avr_irq_register_notify(avr_get_interrupt_irq(H.avr, trigger_sources[i].vector) + AVR_INT_IRQ_PENDING,
                                on_trigger_source, (void *) (intptr_t) trigger_sources[i].adts);
    }

    /* Stepper pins and home switch */
    avr_irq_register_notify(avr_io_getirq(H.avr, AVR_IOCTL_IOPORT_GETIRQ('D'), PIN_STEP), on_step_pin, NULL);
    H.home_irq = avr_io_getirq(H.avr, AVR_IOCTL_IOPORT_GETIRQ('D'), PIN_HOME);
    H.home_closed = -1;
    update_home_switch();

    double wall_start = wall_now();
    avr_cycle_count_t io_every = H.avr->frequency / 4000; /* 250 us of simulated time */
    avr_cycle_count_t next_io = io_every;
    avr_cycle_count_t next_stats = H.stats_every_s > 0 ? (avr_cycle_count_t) (H.stats_every_s * H.avr->frequency) : 0;
    avr_cycle_count_t end = H.duration_s > 0 ? (avr_cycle_count_t) (H.duration_s * H.avr->frequency) : 0;
    int exit_code = 0;
    while (!stop_requested) {
        int state = avr_run(H.avr);
        if (state == cpu_Done || state == cpu_Crashed) {
            fprintf(stderr, "frontend-sim: the AVR core %s at cycle %llu (pc 0x%04x)\n",
                    state == cpu_Done ? "stopped" : "crashed", (unsigned long long) H.avr->cycle, H.avr->pc);
            exit_code = 1;
            break;
        }
        if (H.avr->cycle < next_io) {
            continue;
        }
        next_io = H.avr->cycle + io_every;
        while (pump_pty() && !stop_requested) {
            struct pollfd p = {.fd = H.pty_master, .events = POLLOUT};
            double before = wall_now();
            poll(&p, 1, 50);
            H.held_wall_s += wall_now() - before;
        }
        if (H.speed > 0) {
            double ahead = (double) H.avr->cycle / H.avr->frequency / H.speed - (wall_now() - wall_start);
            if (ahead > 0.002) {
                struct timespec t = {0, (long) (ahead * 1e9)};
                nanosleep(&t, NULL);
            }
        }
        if (next_stats && H.avr->cycle >= next_stats) {
            print_stats("so far", wall_now() - wall_start);
            next_stats += (avr_cycle_count_t) (H.stats_every_s * H.avr->frequency);
        }
        if (end && H.avr->cycle >= end) {
            break;
        }
    }
    double wall_s = wall_now() - wall_start;
    pump_pty();
    print_stats("end", wall_s);
    uint8_t q = 'Q';
    if (write(H.to_physics, &q, 1) != 1) {
        exit_code = 1;
    }
    close(H.to_physics);
    int status = 0;
    waitpid(H.child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "frontend-sim: the physics server ended with status %d\n",
                WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
        exit_code = 1;
    }
    unlink(H.link);
    return exit_code;
}
