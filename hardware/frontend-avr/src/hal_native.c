/* Hardware layer for this machine (POSIX): the same portable core as the AVR build, with
 *   - the host link on a file descriptor: a pseudo-terminal or serial device given by --port PATH
 *     (raw mode; reopened every 0.2 s while it fails, as a board does not care who listens), or
 *     stdin/stdout when no port is given;
 *   - the ADC fed by the physics pipe (hardware/frontend-avr/README.md, "Physics pipe"): the command
 *     after "--" is started with its stdin/stdout on pipes, asked 'I' for the rig, then 'S' for
 *     samples, paced to the wall clock at the rig's sample rate;
 *   - STEP/DIR turned into 'M' position updates on the pipe, sent between the sample before and the
 *     sample after each step.
 *
 * Sampling is simulated in chunks: for the samples due by the wall clock (at most 256 at a time) the
 * move state machine is run ahead on a copy to know after which samples a step comes, one request
 * ('S' n, 'M' p, 'S' n, ...) is written, the volts are read, and then the samples go through
 * fw_device_sample() one by one exactly as the ADC interrupt does on the chip (which must issue the
 * same steps; a mismatch aborts). The main loop (fw_device_poll) runs between chunks.
 *
 * Volts to codes: the 10-bit code of the ideal ADC behind the bias network,
 * code = round(1023 · (volts / fullScale + 0.5)) clamped to 0 .. 1023, which the host's
 * (code / 1023 − 0.5) · fullScale inverts to within half a code. No home switch (reads open). */
#define _DEFAULT_SOURCE /* cfmakeraw, B1000000 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "device.h"
#include "hal.h"

#define CHUNK_MAX 256u
#define TX_BUFFER_BYTES (1u << 20)

static fw_device_t dev;

static const char *port_path;   /* NULL: stdin/stdout */
static int in_fd = -1, out_fd = -1;
static struct timespec next_open_attempt;
static uint8_t tx_buffer[TX_BUFFER_BYTES];
static size_t tx_len;
static uint64_t tx_dropped_bytes;
static uint8_t rx_buffer[4096];
static size_t rx_len, rx_pos;

static int to_physics = -1, from_physics = -1;
static pid_t physics_pid = -1;
static double full_scale_volts;

static volatile sig_atomic_t stop_requested;

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void die(const char *what) {
    fprintf(stderr, "frontend-native: %s\n", what);
    exit(1);
}

/* ---- host link ---------------------------------------------------------------------------------- */

static void close_port(const char *why) {
    if (port_path == NULL) {
        return;
    }
    if (in_fd >= 0) {
        fprintf(stderr, "frontend-native: %s: %s; reopening\n", port_path, why);
        close(in_fd);
    }
    in_fd = out_fd = -1;
    tx_len = 0;
    rx_len = rx_pos = 0;
    clock_gettime(CLOCK_MONOTONIC, &next_open_attempt);
    next_open_attempt.tv_nsec += 200000000L;
    if (next_open_attempt.tv_nsec >= 1000000000L) {
        next_open_attempt.tv_sec++;
        next_open_attempt.tv_nsec -= 1000000000L;
    }
}

static void try_open_port(void) {
    if (port_path == NULL || in_fd >= 0) {
        return;
    }
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    if (t.tv_sec < next_open_attempt.tv_sec
            || (t.tv_sec == next_open_attempt.tv_sec && t.tv_nsec < next_open_attempt.tv_nsec)) {
        return;
    }
    int fd = open(port_path, O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        close_port(strerror(errno));
        return;
    }
    struct termios tio;
    if (tcgetattr(fd, &tio) == 0) {
        cfmakeraw(&tio);
        cfsetispeed(&tio, B1000000);
        cfsetospeed(&tio, B1000000);
        tcsetattr(fd, TCSANOW, &tio);
    }
    in_fd = out_fd = fd;
    fprintf(stderr, "frontend-native: %s open\n", port_path);
}

static void flush_tx(void) {
    size_t done = 0;
    while (out_fd >= 0 && done < tx_len) {
        ssize_t n = write(out_fd, tx_buffer + done, tx_len - done);
        if (n > 0) {
            done += (size_t)n;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            if (port_path == NULL) {
                die("stdout closed");
            }
            close_port(n < 0 ? strerror(errno) : "write returned 0");
            return;
        }
    }
    memmove(tx_buffer, tx_buffer + done, tx_len - done);
    tx_len -= done;
}

void hal_tx(const uint8_t *bytes, uint16_t n) {
    if (out_fd < 0 || tx_len + n > sizeof tx_buffer) {
        tx_dropped_bytes += n; /* nobody listening for a long while: the frame goes into the void */
        return;
    }
    memcpy(tx_buffer + tx_len, bytes, n);
    tx_len += n;
}

static void fill_rx(void) {
    if (in_fd < 0 || rx_pos < rx_len) {
        return;
    }
    rx_len = rx_pos = 0;
    ssize_t n = read(in_fd, rx_buffer, sizeof rx_buffer);
    if (n > 0) {
        rx_len = (size_t)n;
    } else if (n == 0) {
        if (port_path == NULL) {
            stop_requested = 1; /* stdin closed: the host is gone for good */
        } else {
            close_port("end of file");
        }
    } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        if (port_path == NULL) {
            die("stdin read failed");
        }
        close_port(strerror(errno));
    }
}

int16_t hal_rx(void) {
    fill_rx();
    return rx_pos < rx_len ? rx_buffer[rx_pos++] : -1;
}

uint8_t hal_irq_save(void) {
    return 0; /* one thread: the "interrupt" runs between polls */
}

void hal_irq_restore(uint8_t state) {
    (void)state;
}

/* ---- physics pipe ------------------------------------------------------------------------------- */

static void write_all(int fd, const uint8_t *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            die("the physics command stopped reading its stdin");
        }
        p += w;
        n -= (size_t)w;
    }
}

static void read_all(int fd, uint8_t *p, size_t n) {
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            die("the physics command closed its stdout (see its message above)");
        }
        p += r;
        n -= (size_t)r;
    }
}

static void start_physics(char **argv) {
    int down[2], up[2];
    if (pipe(down) != 0 || pipe(up) != 0) {
        die("pipe failed");
    }
    physics_pid = fork();
    if (physics_pid < 0) {
        die("fork failed");
    }
    if (physics_pid == 0) {
        dup2(down[0], 0);
        dup2(up[1], 1);
        close(down[0]); close(down[1]); close(up[0]); close(up[1]);
        execvp(argv[0], argv);
        fprintf(stderr, "frontend-native: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(down[0]);
    close(up[1]);
    to_physics = down[1];
    from_physics = up[0];
}

static void stop_physics(void) {
    if (to_physics >= 0) {
        uint8_t q = 'Q';
        if (write(to_physics, &q, 1) != 1) {
            /* it is gone already */
        }
        close(to_physics);
        to_physics = -1;
    }
    if (physics_pid > 0) {
        int status;
        waitpid(physics_pid, &status, 0);
        physics_pid = -1;
    }
}

static uint32_t le32(const uint8_t *p) { return fw_get_u32(p); }

static void ask_rig(fw_settings_t *s) {
    uint8_t op = 'I', r[25];
    write_all(to_physics, &op, 1);
    read_all(from_physics, r, sizeof r);
    uint64_t bits = (uint64_t)le32(r + 16) | (uint64_t)le32(r + 20) << 32;
    double fs;
    memcpy(&fs, &bits, sizeof fs);
    s->sample_rate_hz = le32(r);
    s->min_position = (int32_t)le32(r + 4);
    s->max_position = (int32_t)le32(r + 8);
    s->initial_position = (int32_t)le32(r + 12);
    full_scale_volts = fs;
    if (!(fs > 0) || fs > 4000) {
        die("the physics command reported a full scale outside 0 .. 4000 V");
    }
    if (s->sample_rate_hz == 0 || s->min_position >= s->max_position
            || s->initial_position < s->min_position || s->initial_position > s->max_position) {
        die("the physics command reported an invalid rig (rate 0 or position range empty)");
    }
    s->full_scale_uv = (uint32_t)llround(fs * 1e6);
    (void)r[24]; /* the rig's sensor bits: this firmware's ADC has 10 */
}

static uint16_t volts_to_code(float volts) {
    double x = (double)volts / full_scale_volts + 0.5;
    long code = lround(1023.0 * x);
    return (uint16_t)(code < 0 ? 0 : code > 1023 ? 1023 : code);
}

/* Takes n samples (n ≤ CHUNK_MAX) the way the ADC interrupt does, with the physics in step. */
static void take_samples(uint32_t n) {
    static uint8_t request[CHUNK_MAX * 8u + 8u];
    static uint8_t reply[CHUNK_MAX * 4u];
    static int32_t planned_position[CHUNK_MAX];
    size_t len = 0;
    fw_motion_t ahead = dev.motion;
    uint32_t segment = 0;
    for (uint32_t i = 0; i < n; i++) {
        int8_t step = fw_motion_tick(&ahead, false, dev.counter + i + 1u);
        planned_position[i] = ahead.position;
        segment++;
        if (step != 0) {
            request[len++] = 'S';
            fw_put_u16(request + len, (uint16_t)segment);
            len += 2;
            request[len++] = 'M';
            fw_put_u32(request + len, (uint32_t)ahead.position);
            len += 4;
            segment = 0;
        }
    }
    if (segment > 0) {
        request[len++] = 'S';
        fw_put_u16(request + len, (uint16_t)segment);
        len += 2;
    }
    write_all(to_physics, request, len);
    read_all(from_physics, reply, 4u * n);
    for (uint32_t i = 0; i < n; i++) {
        float v;
        memcpy(&v, reply + 4u * i, sizeof v); /* little-endian f32 on this machine, as on the pipe */
        fw_device_sample(&dev, volts_to_code(v), false);
        if (dev.motion.position != planned_position[i]) {
            die("internal error: the move did not follow the plan sent to the physics");
        }
    }
}

/* ---- main --------------------------------------------------------------------------------------- */

static void on_signal(int sig) {
    (void)sig;
    stop_requested = 1;
}

static uint32_t random_boot_id(void) {
    uint32_t id = 0;
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd < 0 || read(fd, &id, sizeof id) != (ssize_t)sizeof id) {
        id = (uint32_t)time(NULL) ^ (uint32_t)getpid() << 16;
    }
    if (fd >= 0) {
        close(fd);
    }
    return id;
}

static void usage(void) {
    fprintf(stderr,
            "usage: frontend-native [--port PATH] [--boot-id N] -- PHYSICS-COMMAND [ARGS...]\n"
            "  The front-end firmware's portable core on this machine: protocol v2 on PATH (a pty or\n"
            "  serial device; stdin/stdout without --port), samples from the physics command's pipe\n"
            "  ('I', 'S', 'M', 'Q'), paced to the wall clock.\n");
    exit(2);
}

int main(int argc, char **argv) {
    fw_settings_t s = {
        .sample_rate_hz = FW_SAMPLE_RATE_HZ, .full_scale_uv = FW_FULL_SCALE_UV,
        .min_position = FW_MIN_POSITION, .max_position = FW_MAX_POSITION,
        .initial_position = FW_INITIAL_POSITION, .step_divider = FW_STEP_DIVIDER, .boot_id = 0,
    };
    bool boot_id_given = false;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
            port_path = argv[++i];
        } else if (strcmp(argv[i], "--boot-id") == 0 && i + 1 < argc) {
            s.boot_id = (uint32_t)strtoul(argv[++i], NULL, 0);
            boot_id_given = true;
        } else {
            usage();
        }
    }
    if (i >= argc) {
        usage();
    }
    if (!boot_id_given) {
        s.boot_id = random_boot_id();
    }
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);

    start_physics(argv + i);
    ask_rig(&s);
    fw_device_init(&dev, &s);
    if (port_path == NULL) {
        in_fd = 0;
        out_fd = 1;
        fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
        fcntl(1, F_SETFL, fcntl(1, F_GETFL) | O_NONBLOCK);
    } else {
        try_open_port();
    }
    fprintf(stderr,
            "frontend-native: protocol %u, firmware %u.%u.%u, boot id %" PRIu32 ", %" PRIu32
            " S/s, %u-bit codes in SAMPLES12 of %u, full scale %.6f V, steps %" PRId32 " .. %" PRId32
            " from %" PRId32 ", at most %" PRIu32 " steps/s, port %s\n",
            FW_PROTOCOL_VERSION, FW_VERSION_MAJOR, FW_VERSION_MINOR, FW_VERSION_PATCH, s.boot_id,
            s.sample_rate_hz, FW_ADC_BITS, FW_SAMPLES_PER_FRAME, s.full_scale_uv * 1e-6,
            s.min_position, s.max_position, s.initial_position, s.sample_rate_hz / s.step_divider,
            port_path ? port_path : "stdin/stdout");

    double start = now_seconds();
    uint64_t taken = 0;
    double last_behind_report = 0;
    while (!stop_requested) {
        try_open_port();
        uint64_t due = (uint64_t)((now_seconds() - start) * (double)s.sample_rate_hz);
        if (due > taken) {
            uint64_t behind = due - taken;
            uint32_t n = behind > CHUNK_MAX ? CHUNK_MAX : (uint32_t)behind;
            take_samples(n);
            taken += n;
            double t = now_seconds();
            if (behind > s.sample_rate_hz / 2u && t - last_behind_report > 10) {
                fprintf(stderr, "frontend-native: %.2f s behind the wall clock (the physics is slow)\n",
                        (double)behind / s.sample_rate_hz);
                last_behind_report = t;
            }
        }
        fw_device_poll(&dev);
        flush_tx();
        if (due <= taken) {
            /* Sleep until the next sample is due or the host writes. */
            double next = start + (double)(taken + 1u) / s.sample_rate_hz;
            int wait_ms = (int)ceil((next - now_seconds()) * 1e3);
            struct pollfd p = {.fd = in_fd, .events = POLLIN};
            if (wait_ms > 0) {
                poll(&p, in_fd >= 0 ? 1 : 0, wait_ms > 5 ? 5 : wait_ms);
            }
        }
    }
    fprintf(stderr,
            "frontend-native: stopping after %" PRIu64 " samples; %" PRIu32 " sample frames sent, %"
            PRIu32 " sessions, %" PRIu32 " ring overrun samples, %" PRIu64 " bytes dropped unsent\n",
            taken, dev.sample_frames_sent, dev.sessions, dev.ring.overrun_samples, tx_dropped_bytes);
    stop_physics();
    return 0;
}
