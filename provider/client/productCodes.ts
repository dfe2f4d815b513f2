/**
 * Names `check` knows, for a did-you-mean: Alibaba Cloud's product codes, from its OpenAPI metadata
 * (the product list of api.aliyun.com/meta, December 2025, 315 codes, lower case). A code not listed
 * may be newer than this list: `check` warns about it rather than failing (wait/names.ts).
 */
export const PRODUCT_CODES: readonly string[] = [
    "acc acm actiontrail adb adcp address-purification advisor agency agentrun ahas-openapi aiccs aicontent aigen aimath",
    "aimiaobi aipodcast airec airticketopen aiworkspace alb alidns aligenie alikafka alimt amqp-open antiddos-public",
    "anytrans apig appflow appstream-center arms avatar baas bailian bdrc bpstudio brain-industrial bssopenapi cams captcha",
    "carbonfootprint cas cassandra cbn cc5g ccc cddc cdn cgcs chatbot clickhouse cloud-siem cloudapi cloudauth",
    "cloudauth-intl cloudcontrol cloudesl cloudfw cloudphone cloudsso cms cms-export companyreg composer computenest",
    "computenestsupplier config contactcenterai cr cs csas das dataanalysisgbi datalake dataphin-public dataworks-public",
    "dbfs dbs dcdn ddi ddosbgp ddoscoo ddosdiversion dds devops devs dfs dianjin dlfnext dm dms dms-dg dms-enterprise",
    "documentautoml domain drds dts dyplsapi dypnsapi dypnsapi-intl dysmsapi dytnsapi dyvmsapi dyvmsapi-intl eais eas",
    "easygene ebs ecd eci ecs ecs-workbench edas eds-aic eds-user eduinterpreting edututor eflo eflo-cnp eflo-controller",
    "ehpc ehpcinstant eiam eiam-developerapi eipanycast elasticsearch emas-appmonitor emr emr-serverless-spark emrstudio",
    "energyexpertexternal ens es-serverless esa ess eventbridge expressconnectrouter facebody farui fc fc-open fnf",
    "foasconsole ga gemp goodstech governance gpdb grace green gwlb gws hbase hbr hcs-mgw hdr hitsdb hologram hsm httpdns",
    "iacservice ice idaas-doraemon idrsservice imageaudit imageenhan imageprocess imagerecog imagesearch imageseg imgsearch",
    "imm imp ims iot iotcc iovcc iqs ivpd kms lingmou linkcard linkedmall linkvisual linkwan live ltl market maxcompute",
    "metaspace mhub milvus mns-open moguan-sdk mpserverless mse mssp mts multimodaldialog nas nis nlb nlp-automl",
    "nls-cloud-meta nls-filetrans notifications objectdet oceanbasepro ocr ocr-api ons onsmqtt oos openanalytics-open",
    "openapiexplorer openitag opensearch opt oss ossadmin osssddp outboundbot pai-dlc pai-dsw paiautoml paicopilot",
    "paielasticdatasetaccelerator paifeaturestore paiflow paillmtrace paiplugin pairecservice paistudio pcdn pds polardb",
    "polardbai polardbx privatelink pts push pvtz qualitycheck quanmiaolightapp quickbi-public quotas r-kvstore rai ram rds",
    "rds-data rdsai resourcecenter resourcedirectorymaster resourcemanager resourcesharing retailadvqa rocketmq ros rtc",
    "rtc-white-board sae saf safconsole sas sasrasp scdn schedulerx2 schedulerx3 scsp sddp searchengine searchplat selectdb",
    "servicecatalog servicemesh sgw slb sls smartag smc sofa sophonsoar starrocks status sts superappnlp support-plan",
    "swas-open sysom tablestore tag tdsr tingwu trafficfxopen vcs ververica viapi viapi-regen videoenhan videorecog videoseg",
    "vod voicenavigator vpc vpcipam vpcpeer vs waf-openapi webplus workorder wss xtee xtrace yundun-bastionhost",
]
    .join(" ")
    .split(" ");
