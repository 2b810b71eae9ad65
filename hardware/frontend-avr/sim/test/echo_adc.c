/*
 * Bring-up program for the simavr harness (not the front-end firmware): the same pins and clocks
 * as the firmware (UART0 1 Mbaud U2X, Timer1 CTC 20 kHz auto-triggering ADC0 on compare B, STEP
 * PD2, DIR PD3, /EN PD4, home PD5 with pull-up), and a byte protocol a script can check:
 *   'c'       -> u32 conversions done (little-endian)
 *   'm'       -> u16 lowest, u16 highest ADC0 code since the previous 'm' (then starts over): the
 *                swing over every conversion, which reads over the UART cannot measure, since the
 *                harness passes bytes on a 250 us grid that samples a 1 kHz signal at fixed phases
 *   'u' n     -> n steps up (DIR high), then '.'
 *   'd' n     -> n steps down (DIR low), then '.'
 *   'h'       -> '0' when the home switch is closed (PD5 low), '1' when open
 *   other     -> echoed
 * Built with -DIDLE_SLEEP, it waits for bytes in idle sleep (to measure what sleep buys in simavr).
 */
#include <avr/io.h>
#include <avr/interrupt.h>
#include <avr/sleep.h>
#include <util/delay.h>

static volatile uint32_t conversions;
static volatile uint16_t lowest_code = 0xFFFF;
static volatile uint16_t highest_code;

ISR(ADC_vect) {
    uint16_t code = ADC;
    conversions++;
    if (code < lowest_code) {
        lowest_code = code;
    }
    if (code > highest_code) {
        highest_code = code;
    }
}

ISR(TIMER1_COMPB_vect) {
    /* Only clears OCF1B: its rising edge is the ADC's trigger. */
}

static void put(uint8_t b) {
    while (!(UCSR0A & _BV(UDRE0))) {
    }
    UDR0 = b;
}

static void put16(uint16_t v) {
    put((uint8_t) v);
    put((uint8_t) (v >> 8));
}

static uint8_t get(void) {
    while (!(UCSR0A & _BV(RXC0))) {
#ifdef IDLE_SLEEP
        sleep_mode(); /* the ADC interrupt wakes it 20 000 times a second */
#endif
    }
    return UDR0;
}

static void steps(uint8_t n) {
    for (uint8_t i = 0; i < n; i++) {
        PORTD |= _BV(PD2);
        _delay_us(2);
        PORTD &= ~_BV(PD2);
        _delay_us(50);
    }
}

int main(void) {
    DDRD = _BV(PD2) | _BV(PD3) | _BV(PD4);
    PORTD = _BV(PD5); /* pull-up on the home switch, /EN low (enabled), STEP and DIR low */
    UCSR0A = _BV(U2X0);
    UBRR0 = 1; /* 16 MHz / (8 * (1 + 1)) = 1 Mbaud */
    UCSR0B = _BV(RXEN0) | _BV(TXEN0);
    UCSR0C = _BV(UCSZ01) | _BV(UCSZ00);
    ADMUX = _BV(REFS0); /* AVCC reference, ADC0 */
    ADCSRB = _BV(ADTS2) | _BV(ADTS0); /* trigger: Timer1 compare B */
    ADCSRA = _BV(ADEN) | _BV(ADATE) | _BV(ADIE) | _BV(ADPS2); /* /16: 1 MHz ADC clock */
    OCR1A = 799; /* 16 MHz / 800 = 20 kHz */
    OCR1B = 0;
    TIMSK1 = _BV(OCIE1B);
    TCCR1B = _BV(WGM12) | _BV(CS10); /* CTC on OCR1A, no prescaler */
    sei();
    for (;;) {
        uint8_t c = get();
        if (c == 'c') {
            cli();
            uint32_t n = conversions;
            sei();
            for (uint8_t i = 0; i < 4; i++) {
                put((uint8_t) (n >> (8 * i)));
            }
        } else if (c == 'm') {
            cli();
            uint16_t lo = lowest_code, hi = highest_code;
            lowest_code = 0xFFFF;
            highest_code = 0;
            sei();
            put16(lo);
            put16(hi);
        } else if (c == 'u' || c == 'd') {
            if (c == 'u') {
                PORTD |= _BV(PD3);
            } else {
                PORTD &= ~_BV(PD3);
            }
            _delay_us(1);
            steps(get());
            put('.');
        } else if (c == 'h') {
            put((PIND & _BV(PD5)) ? '1' : '0');
        } else {
            put(c);
        }
    }
}
