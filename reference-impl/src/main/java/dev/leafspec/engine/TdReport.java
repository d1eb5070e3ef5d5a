package dev.leafspec.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TDREPORT_STRUCT construction and REPORTMACSTRUCT MAC (TDX module ABI spec "TDREPORT_STRUCT";
 * intel/tdx-module {@code include/tdx_api_defs.h td_report_t, report_mac_struct_t, tee_tcb_info_t, td_info_t}).
 *
 * <p>Layout (1024 bytes): REPORTMACSTRUCT at 0 (256 bytes), TEE_TCB_INFO at 256 (256 bytes),
 * TDINFO at 512 (512 bytes). REPORTMACSTRUCT: REPORTTYPE at 0 (TYPE 0x81, SUBTYPE 0, VERSION 0 without
 * service TDs, reserved), reserved 4..15, CPUSVN 16..31, TEE_TCB_INFO_HASH 32..79 (SHA-384 of TEE_TCB_INFO),
 * TEE_INFO_HASH 80..127 (SHA-384 of TDINFO), REPORTDATA 128..191, reserved 192..223, MAC 224..255.
 * TDINFO: ATTRIBUTES +0, XFAM +8, MRTD +16, MRCONFIGID +64, MROWNER +112, MROWNERCONFIG +160,
 * RTMR0..3 +208/+256/+304/+352, SERVTD_HASH +400, reserved +448.
 *
 * <p>The MAC is modelled as HMAC-SHA-256 over REPORTMACSTRUCT bytes 0..223 with an engine-secret key
 * (the real MAC key is a CPU secret).
 */
final class TdReport {
    private TdReport() {
    }

    static final int SIZE = 1024;
    static final int REPORTMAC_SIZE = 256;
    static final int OFF_REPORTDATA = 128;
    static final int OFF_MAC = 224;
    static final int OFF_TEE_TCB_INFO = 256;
    static final int OFF_TDINFO = 512;
    static final int TDINFO_OFF_MRTD = 16;
    static final int TDINFO_OFF_RTMR0 = 208;
    static final byte[] CPUSVN = {1, 1, 2, 2, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] MAC_KEY = "LeafSpec reference engine report MAC key".getBytes(StandardCharsets.US_ASCII);

    static byte[] build(Td td, byte[] reportData) {
        byte[] r = new byte[SIZE];
        r[0] = (byte) 0x81; // TYPE: TDX
        r[1] = 0;           // SUBTYPE
        r[2] = 0;           // VERSION: no service TDs bound
        System.arraycopy(CPUSVN, 0, r, 16, 16);
        // TEE_TCB_INFO: VALID bitmap, TEE_TCB_SVN, MRSEAM, MRSIGNERSEAM, ATTRIBUTES
        int t = OFF_TEE_TCB_INFO;
        Td.putQword(r, t / 8, 0x301FF);
        System.arraycopy(new byte[] {1, 5, 0, 0}, 0, r, t + 8, 4);
        System.arraycopy(Td.sha384("LeafSpec reference TDX module".getBytes(StandardCharsets.US_ASCII)), 0, r, t + 24, 48);
        // TDINFO
        int d = OFF_TDINFO;
        Td.putQword(r, d / 8, td.attributes);
        Td.putQword(r, d / 8 + 1, td.xfam);
        System.arraycopy(td.mrtd, 0, r, d + 16, 48);
        System.arraycopy(td.mrConfigId, 0, r, d + 64, 48);
        System.arraycopy(td.mrOwner, 0, r, d + 112, 48);
        System.arraycopy(td.mrOwnerConfig, 0, r, d + 160, 48);
        for (int i = 0; i < 4; i++) System.arraycopy(td.rtmr[i], 0, r, d + TDINFO_OFF_RTMR0 + 48 * i, 48);
        System.arraycopy(td.servtdHash, 0, r, d + 400, 48);
        System.arraycopy(sha384(r, OFF_TEE_TCB_INFO, 256), 0, r, 32, 48);
        System.arraycopy(sha384(r, OFF_TDINFO, 512), 0, r, 80, 48);
        System.arraycopy(reportData, 0, r, OFF_REPORTDATA, 64);
        System.arraycopy(mac(r, 0), 0, r, OFF_MAC, 32);
        return r;
    }

    static byte[] sha384(byte[] b, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-384");
            md.update(b, off, len);
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA-256 over the 224 bytes of a REPORTMACSTRUCT starting at {@code off}. */
    static byte[] mac(byte[] b, int off) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(MAC_KEY, "HmacSHA256"));
            mac.update(b, off, OFF_MAC);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(byte[] reportMacStruct) {
        return MessageDigest.isEqual(java.util.Arrays.copyOfRange(reportMacStruct, OFF_MAC, OFF_MAC + 32),
                mac(reportMacStruct, 0));
    }
}
